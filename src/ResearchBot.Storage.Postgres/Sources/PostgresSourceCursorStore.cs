using Dapper;
using ResearchBot.Core.Ingestion;

namespace ResearchBot.Storage.Postgres.Sources;

/// <inheritdoc cref="ISourceCursorStore"/>
internal sealed class PostgresSourceCursorStore(PostgresDatabase database) : ISourceCursorStore
{
    public async Task<SourceCursor?> GetAsync(string source, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<(string? Cursor, long UpdatedAt)?>(new CommandDefinition(
            "SELECT cursor, updated_at FROM source_cursors WHERE source = @source", new { source }, cancellationToken: cancellationToken));
        return row is { } r ? new SourceCursor(source, r.Cursor, DateTimeOffset.FromUnixTimeMilliseconds(r.UpdatedAt)) : null;
    }

    public async Task SetAsync(string source, string? cursor, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO source_cursors (source, cursor, updated_at) VALUES (@source, @cursor, @at)
            ON CONFLICT (source) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at
            """,
            new { source, cursor, at = at.ToUnixTimeMilliseconds() }, cancellationToken: cancellationToken));
    }
}
