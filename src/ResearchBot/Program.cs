using ResearchBot.Cli;
using ResearchBot.Hosting;

// researchbot [run] | ask "/author Kording" | migrate | import FILE | … — see `researchbot help`.
var (verb, rest) = VerbLine.Split(args);
using var host = ResearchBotHost.Build(verb, rest);
return await VerbRunner.RunAsync(host, verb, rest);
