using Dapper;
using ResearchBot.Core.Ingestion;

namespace ResearchBot.Storage.Postgres.Sources;

/// <inheritdoc cref="ISourceCache"/>
internal sealed class PostgresSourceCache(PostgresDatabase database, TimeProvider timeProvider) : ISourceCache
{
    public async Task<string?> GetAsync(string key, TimeSpan maxAge, CancellationToken cancellationToken)
    {
        var oldest = timeProvider.GetUtcNow().Subtract(maxAge).ToUnixTimeMilliseconds();
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            "SELECT value FROM source_cache WHERE key = @key AND stored_at >= @oldest", new { key, oldest }, cancellationToken: cancellationToken));
    }

    public async Task SetAsync(string key, string value, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO source_cache (key, value, stored_at) VALUES (@key, @value, @now)
            ON CONFLICT (key) DO UPDATE SET value = excluded.value, stored_at = excluded.stored_at
            """,
            new { key, value, now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }
}
