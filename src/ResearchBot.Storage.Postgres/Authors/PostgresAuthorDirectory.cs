using System.Collections.Immutable;
using System.Text.Json;
using Dapper;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Text;
using ResearchBot.Storage.Postgres.Papers;

namespace ResearchBot.Storage.Postgres.Authors;

/// <summary>
/// <see cref="IAuthorDirectory"/> on PostgreSQL: the SQLite directory's rules; autocomplete on folded keys (prefix scans
/// of <c>COLLATE "C"</c> B-trees) and spelling neighbours from the <c>pg_trgm</c> trigram index.
/// </summary>
internal sealed class PostgresAuthorDirectory(PostgresDatabase database) : IAuthorDirectory
{
    /// <summary>An author's spellings as its bylines show them, the most used first (<c>@limit</c> -1: all).</summary>
    private const string VariantsSql =
        "SELECT name FROM paper_authors WHERE author_id = @authorId GROUP BY name ORDER BY count(DISTINCT paper_seq) DESC, name COLLATE \"C\" LIMIT @limit";

    public async Task<IReadOnlyList<AuthorCandidate>> FindAsync(string name, int limit, CancellationToken cancellationToken)
    {
        if (AuthorName.Parse(name) is not { } query)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuthorRow>(new CommandDefinition(
            "SELECT id, display_name, surname_key, given_key, paper_count FROM authors WHERE surname_key = @s ORDER BY paper_count DESC LIMIT 200",
            new { s = query.Surname }, cancellationToken: cancellationToken));
        var compatible = rows.Where(r => query.IsCompatibleWith(new AuthorName(r.Display_Name, r.Surname_Key, r.Given_Key.Length == 0 ? [] : [r.Given_Key])))
            .Where(r => r.Paper_Count > 0)
            .Take(limit)
            .ToList();
        return await CandidatesAsync(connection, compatible, cancellationToken);
    }

    public async Task<IReadOnlyList<AuthorCandidate>> SuggestAsync(string prefix, int limit, CancellationToken cancellationToken)
    {
        var words = TextFold.Words(prefix);
        if (words.Length == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = words.Length == 1
            ? await connection.QueryAsync<AuthorRow>(new CommandDefinition(
                "SELECT id, display_name, surname_key, given_key, paper_count FROM authors WHERE surname_key LIKE @p OR given_key LIKE @p ORDER BY paper_count DESC LIMIT @limit",
                new { p = words[0] + "%", limit }, cancellationToken: cancellationToken))
            : await connection.QueryAsync<AuthorRow>(new CommandDefinition(
                "SELECT id, display_name, surname_key, given_key, paper_count FROM authors WHERE surname_key LIKE @p AND given_key LIKE @g ORDER BY paper_count DESC LIMIT @limit",
                new { p = words[^1] + "%", g = words[0][0] + "%", limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new AuthorCandidate(r.Id, r.Display_Name, (int)r.Paper_Count, null, null, [], []))];
    }

    public async Task<IReadOnlyList<string>> SpellingNeighboursAsync(string name, int limit, CancellationToken cancellationToken)
    {
        if (AuthorName.Parse(name) is not { Surname.Length: >= 2 } query)
        {
            return [];
        }

        // Candidates from the trigram index (a low threshold: one or two edits in a short name share few trigrams),
        // then the exact edit-distance budget below, as the SQLite directory applies it.
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT set_config('pg_trgm.similarity_threshold', '0.1', true)", transaction: tx, cancellationToken: cancellationToken));
        var rows = await connection.QueryAsync<AuthorRow>(new CommandDefinition(
            """
            SELECT id, display_name, surname_key, given_key, paper_count FROM authors
            WHERE surname_key % @s AND length(surname_key) BETWEEN @min AND @max
            ORDER BY paper_count DESC LIMIT 20000
            """,
            new { s = query.Surname, min = query.Surname.Length - 2, max = query.Surname.Length + 2 }, tx,
            cancellationToken: cancellationToken));
        var budget = query.Surname.Length <= 4 ? 1 : 2;
        return [.. rows
            .Select(r => (r, d: EditDistance.Levenshtein(r.Surname_Key, query.Surname)))
            .Where(x => x.d <= budget)
            .OrderBy(x => x.d).ThenByDescending(x => x.r.Paper_Count)
            .Select(x => x.r.Display_Name)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(limit)];
    }

    public async Task<AuthorProfile?> GetProfileAsync(long authorId, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var author = await connection.QueryFirstOrDefaultAsync<AuthorRow>(new CommandDefinition(
            "SELECT id, display_name, surname_key, given_key, paper_count FROM authors WHERE id = @authorId", new { authorId }, cancellationToken: cancellationToken));
        if (author is null)
        {
            return null;
        }

        var variants = (await connection.QueryAsync<string>(new CommandDefinition(
            VariantsSql, new { authorId, limit = (int?)null }, cancellationToken: cancellationToken))).ToImmutableArray();
        var papers = (await connection.QueryAsync<PaperRow>(new CommandDefinition(
            $"""
            SELECT {string.Join(", ", PaperRow.Columns.Split(", ").Select(c => "p." + c))} FROM papers p
            WHERE p.seq IN (SELECT paper_seq FROM paper_authors WHERE author_id = @authorId)
            ORDER BY p.published IS NULL, p.published DESC, p.seq DESC
            """,
            new { authorId }, cancellationToken: cancellationToken))).Select(r => r.ToPaper()).ToImmutableArray();
        var coauthors = (await connection.QueryAsync<(string Name, long Count)>(new CommandDefinition(
            """
            SELECT a.display_name, count(DISTINCT pa.paper_seq) AS n
            FROM paper_authors mine JOIN paper_authors pa ON pa.paper_seq = mine.paper_seq AND pa.author_id <> mine.author_id
            JOIN authors a ON a.id = pa.author_id
            WHERE mine.author_id = @authorId
            GROUP BY a.id, a.display_name ORDER BY n DESC, a.display_name COLLATE "C" LIMIT 20
            """,
            new { authorId }, cancellationToken: cancellationToken))).Select(c => new NameCount(c.Name, (int)c.Count)).ToImmutableArray();
        var metrics = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT data FROM author_metrics WHERE author_id = @authorId ORDER BY retrieved_at DESC", new { authorId }, cancellationToken: cancellationToken)))
            .Select(json => JsonSerializer.Deserialize(json, StorageJson.Default.AuthorMetrics)!)
            .ToImmutableArray();
        var categories = papers.SelectMany(p => p.Categories.Take(1))
            .GroupBy(c => c, StringComparer.OrdinalIgnoreCase)
            .Select(g => new NameCount(g.Key, g.Count()))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToImmutableArray();
        return new AuthorProfile(author.Id, author.Display_Name, variants, papers, coauthors, categories, metrics);
    }

    public async Task SaveMetricsAsync(long authorId, AuthorMetrics metrics, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO author_metrics (author_id, source, data, retrieved_at) VALUES (@authorId, @source, @data, @at)
            ON CONFLICT (author_id, source) DO UPDATE SET data = excluded.data, retrieved_at = excluded.retrieved_at
            """,
            new { authorId, source = metrics.Source, data = JsonSerializer.Serialize(metrics, StorageJson.Default.AuthorMetrics), at = metrics.RetrievedAt.ToUnixTimeMilliseconds() },
            cancellationToken: cancellationToken));
    }

    private static async Task<IReadOnlyList<AuthorCandidate>> CandidatesAsync(Npgsql.NpgsqlConnection connection, List<AuthorRow> rows, CancellationToken cancellationToken)
    {
        var result = new List<AuthorCandidate>(rows.Count);
        foreach (var r in rows)
        {
            var recent = await connection.QueryFirstOrDefaultAsync<(string Title, string? Published)>(new CommandDefinition(
                """
                SELECT p.title, p.published FROM papers p JOIN paper_authors pa ON pa.paper_seq = p.seq
                WHERE pa.author_id = @id ORDER BY p.published IS NULL, p.published DESC LIMIT 1
                """,
                new { id = r.Id }, cancellationToken: cancellationToken));
            var variants = (await connection.QueryAsync<string>(new CommandDefinition(
                VariantsSql, new { authorId = r.Id, limit = 5 }, cancellationToken: cancellationToken))).ToImmutableArray();
            var cats = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT p.categories FROM papers p JOIN paper_authors pa ON pa.paper_seq = p.seq WHERE pa.author_id = @id LIMIT 200", new { id = r.Id }, cancellationToken: cancellationToken)))
                .Select(c => c.Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()).OfType<string>()
                .GroupBy(c => c).OrderByDescending(g => g.Count()).Take(3).Select(g => g.Key).ToImmutableArray();
            result.Add(new AuthorCandidate(r.Id, r.Display_Name, (int)r.Paper_Count, recent.Title, PaperRow.ParseDate(recent.Published)?.Year, variants, cats));
        }

        return result;
    }

    private sealed class AuthorRow
    {
        public long Id { get; set; }
        public string Display_Name { get; set; } = "";
        public string Surname_Key { get; set; } = "";
        public string Given_Key { get; set; } = "";
        public long Paper_Count { get; set; }
    }
}
