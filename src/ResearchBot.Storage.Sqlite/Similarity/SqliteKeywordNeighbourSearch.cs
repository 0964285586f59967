using System.Text;
using Dapper;
using ResearchBot.Core.Similarity;
using ResearchBot.Core.Text;

namespace ResearchBot.Storage.Sqlite.Similarity;

/// <summary>FTS5 "more like this": the given terms OR-ed (bigrams as phrases), ranked by BM25 (title weighted 3×).</summary>
internal sealed class SqliteKeywordNeighbourSearch(SqliteDatabase database) : IKeywordNeighbourSearch
{
    public async Task<IReadOnlyList<(long Seq, double Score)>> SearchAnyAsync(IReadOnlyList<string> terms, int limit, bool abstractOnly, CancellationToken cancellationToken)
    {
        var match = Build(terms, abstractOnly);
        if (match is null)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<(long, double)>(new CommandDefinition(
            "SELECT rowid, -bm25(papers_fts, 3.0, 1.0) FROM papers_fts WHERE papers_fts MATCH @match ORDER BY bm25(papers_fts, 3.0, 1.0) LIMIT @limit",
            new { match, limit }, cancellationToken: cancellationToken));
        return [.. rows];
    }

    /// <summary>Quoted terms only, so no FTS5 syntax from the text can take effect.</summary>
    internal static string? Build(IReadOnlyList<string> terms, bool abstractOnly)
    {
        var quoted = terms.Select(TextFold.Fold).Where(t => t.Length > 0).Distinct(StringComparer.Ordinal).Take(32).Select(t => "\"" + t + "\"").ToList();
        if (quoted.Count == 0)
        {
            return null;
        }

        var body = string.Join(" OR ", quoted);
        return abstractOnly ? new StringBuilder("abstract : (").Append(body).Append(')').ToString() : body;
    }
}
