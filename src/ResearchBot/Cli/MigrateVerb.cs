using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Core.Papers;

namespace ResearchBot.Cli;

/// <summary><c>researchbot migrate</c>: create or upgrade the database (and load the demo data when empty), then exit.</summary>
internal static class MigrateVerb
{
    public static Command Create()
    {
        var command = new Command("migrate", "Create or upgrade the database schema (the demo data is loaded into an empty index), then exit.");
        command.SetAction((result, _) => VerbRunner.RunAsync("migrate", ResearchBotCommandLine.Rest(result), async (services, output, _, ct) =>
        {
            // The runner has already migrated before any verb runs; report what is there.
            await output.WriteLineAsync($"{Hosting.StorageBackend.Describe(services)}: schema up to date, {await services.GetRequiredService<IPaperIndex>().CountAsync(ct):N0} papers.");
            return 0;
        }, result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }
}
