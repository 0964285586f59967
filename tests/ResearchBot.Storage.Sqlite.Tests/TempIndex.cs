using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Storage.Sqlite.Authors;
using ResearchBot.Storage.Sqlite.Papers;

namespace ResearchBot.Storage.Sqlite.Tests;

/// <summary>A real SQLite index in a temporary folder, deleted afterwards.</summary>
internal sealed class TempIndex : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "rb-storage-" + Guid.NewGuid().ToString("N"));

    public TempIndex()
    {
        Database = new SqliteDatabase(Options.Create(new SqliteOptions { DatabasePath = Path.Combine(_dir, "nested", "test.db") }), NullLogger<SqliteDatabase>.Instance);
        Papers = new SqlitePaperIndex(Database, [], new BulkLoadState(), Clock, NullLogger<SqlitePaperIndex>.Instance);
        Authors = new SqliteAuthorDirectory(Database);
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
    public SqliteDatabase Database { get; }
    public SqlitePaperIndex Papers { get; }
    public SqliteAuthorDirectory Authors { get; }

    public void Dispose()
    {
        Database.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
