using ResearchBot.Core.Cli;
using ResearchBot.Core.Papers;
using ResearchBot.Storage.Sqlite;

namespace ResearchBot.Cli;

/// <summary><c>researchbot migrate</c>: create or upgrade the database (and load the demo data when empty), then exit.</summary>
internal sealed class MigrateVerb(SqliteDatabase database, IPaperIndex index) : ICliVerb
{
    public string Name => "migrate";

    public string Summary => "Create or upgrade the database schema (the demo data is loaded into an empty index), then exit.";

    public string Usage => "migrate";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        // The runner has already migrated before any verb runs; report what is there.
        await output.WriteLineAsync($"{database.DatabasePath}: schema up to date, {await index.CountAsync(cancellationToken):N0} papers.");
        return 0;
    }
}
