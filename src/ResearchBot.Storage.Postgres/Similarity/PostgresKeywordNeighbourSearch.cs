using Dapper;
using ResearchBot.Core.Similarity;
using ResearchBot.Storage.Postgres.Papers;

namespace ResearchBot.Storage.Postgres.Similarity;

/// <summary>"More like this" on PostgreSQL full-text search: the terms OR-ed (bigrams as phrases), ranked by <c>ts_rank</c> (title weighted above abstract).</summary>
internal sealed class PostgresKeywordNeighbourSearch(PostgresDatabase database) : IKeywordNeighbourSearch
{
    public async Task<IReadOnlyList<(long Seq, double Score)>> SearchAnyAsync(IReadOnlyList<string> terms, int limit, bool abstractOnly, CancellationToken cancellationToken)
    {
        if (TsQuery.AnyOf(terms.Distinct(StringComparer.Ordinal), abstractOnly) is not { } q)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long, double)>(new CommandDefinition(
            """
            SELECT seq, ts_rank(search, query)::float8 AS score
            FROM paper_search, to_tsquery('english', @q) AS query
            WHERE search @@ query
            ORDER BY score DESC, seq
            LIMIT @limit
            """,
            new { q, limit }, cancellationToken: cancellationToken));
        return [.. rows];
    }
}
