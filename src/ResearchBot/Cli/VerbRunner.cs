using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ResearchBot.Hosting;

namespace ResearchBot.Cli;

/// <summary>What a one-shot verb does once the host is up: its work, given the services and the two writers; returns the exit code.</summary>
internal delegate Task<int> VerbWork(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken);

/// <summary>
/// Runs a parsed verb in the one host every verb shares: builds it, migrates (and seeds) storage, validates options,
/// then runs the long-lived bot (<c>run</c>) or the verb's work. Maps invalid configuration to exit 3 and Ctrl-C to 130.
/// </summary>
internal static class VerbRunner
{
    public const string DefaultVerb = "run";

    /// <param name="work">The verb's work; null for <c>run</c>, the bot itself.</param>
    public static async Task<int> RunAsync(string verb, string[] args, VerbWork? work, TextWriter output, TextWriter error)
    {
        using var host = ResearchBotHost.Build(verb, args);

        // Before anything resolves a service, migrates or connects: every bad setting, one line each, exit 3.
        if (ConfigurationCheck.Fails(host.Services, error))
        {
            return ConfigurationCheck.ExitCode;
        }

        using var cancel = new CancellationTokenSource();
        // The first Ctrl-C asks the verb to stop cleanly; a second one ends the process at once (what is committed stays,
        // and an unfinished bulk load is finished on the next start).
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = !cancel.IsCancellationRequested;
            cancel.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            await host.Services.GetRequiredService<IndexInitializer>().InitializeAsync(cancel.Token);
            if (work is null)
            {
                await host.RunAsync(cancel.Token);
                return Environment.ExitCode;
            }

            return await work(host.Services, output, error, cancel.Token);
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await error.WriteLineAsync("researchbot: invalid configuration: " + failure);
            }

            return ConfigurationCheck.ExitCode;
        }
        catch (OperationCanceledException) when (cancel.IsCancellationRequested)
        {
            return 130;
        }
        catch (System.Data.Common.DbException ex)
        {
            // The database cannot be reached or refused the work (PostgreSQL down, a bad password, a missing schema): one
            // line naming the server's complaint; the drivers' messages carry no password.
            await error.WriteLineAsync($"researchbot: storage failed ({Hosting.StorageBackend.Describe(host.Services)}): {ex.Message.ReplaceLineEndings(" ")}");
            return 1;
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
