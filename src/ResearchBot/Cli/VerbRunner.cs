using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Cli;
using ResearchBot.Hosting;

namespace ResearchBot.Cli;

/// <summary>Runs the long-lived bot (<c>run</c>) or one registered <see cref="ICliVerb"/>, returning the exit code.</summary>
internal static class VerbRunner
{
    public static async Task<int> RunAsync(IHost host, string verb, string[] args)
    {
        // Before anything resolves a service, migrates or connects: every bad setting, one line each, exit 3.
        if (ConfigurationCheck.Fails(host.Services, Console.Error))
        {
            return ConfigurationCheck.ExitCode;
        }

        var verbs = host.Services.GetServices<ICliVerb>().ToDictionary(v => v.Name, StringComparer.OrdinalIgnoreCase);
        if (verb is "help" or "--help" or "-h")
        {
            await Console.Out.WriteLineAsync(Usage(verbs.Values));
            return 0;
        }

        if (verb != VerbLine.DefaultVerb && !verbs.ContainsKey(verb))
        {
            await Console.Error.WriteLineAsync($"researchbot: unknown verb '{verb}'. Run 'researchbot help' for the list.");
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        // The first Ctrl-C asks the verb to stop cleanly; a second one ends the process at once (what is committed stays,
        // and an unfinished bulk load is finished on the next start).
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        };

        try
        {
            await host.Services.GetRequiredService<IndexInitializer>().InitializeAsync(cancel.Token);
            if (verb == VerbLine.DefaultVerb)
            {
                await host.RunAsync(cancel.Token);
                return Environment.ExitCode;
            }

            return await verbs[verb].RunAsync(args, Console.Out, Console.Error, cancel.Token);
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await Console.Error.WriteLineAsync("researchbot: invalid configuration: " + failure);
            }
            return ConfigurationCheck.ExitCode;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return 130;
        }
    }

    private static string Usage(IEnumerable<ICliVerb> verbs) =>
        "Usage: researchbot [VERB] [ARGS]\n\n"
        + "  run (default)  Start the bot: Discord/Slack when configured, otherwise the console chat.\n"
        + string.Join('\n', verbs.OrderBy(v => v.Name, StringComparer.Ordinal).Select(v => $"  {v.Usage}\n      {v.Summary}"));
}
