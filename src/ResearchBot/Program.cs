using ResearchBot.Cli;

// researchbot [run] | ask "/author Kording" | migrate | import FILE | … — see `researchbot --help`.
return await ResearchBotCommandLine.InvokeAsync(args, Console.Out, Console.Error);
