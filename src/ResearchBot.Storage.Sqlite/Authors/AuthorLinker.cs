using Dapper;
using Microsoft.Data.Sqlite;
using ResearchBot.Core.Authors;
using ResearchBot.Storage.Sqlite.Papers;

namespace ResearchBot.Storage.Sqlite.Authors;

/// <summary>
/// Files each byline name under an author cluster inside a write transaction. A name joins a cluster when
/// nothing contradicts it: same folded surname, and a first given name that agrees (a full name equals, an
/// initial matches exactly one full name, a bare surname matches exactly one cluster). Otherwise a new
/// cluster is made, so namesakes stay apart.
/// </summary>
/// <remarks>During a bulk load (<paramref name="bulk"/> active) clusters are cached across batches and paper counts are
/// left to the end of the load.</remarks>
internal sealed class AuthorLinker(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken, BulkLoadState? bulk = null) : IDisposable
{
    /// <summary>Position given to an author known from a profile page but missing from a cut byline.</summary>
    public const int ProfilePosition = 1000;

    private readonly bool _deferCounts = bulk?.Active == true;
    private readonly Dictionary<string, List<AuthorCluster>> _bySurname = bulk?.Active == true ? bulk.Clusters : new(StringComparer.Ordinal);
    private readonly HashSet<long> _touched = [];
    // Authors of papers new in this batch: their count grows by exactly one per paper, no recount needed.
    private readonly Dictionary<long, int> _increments = [];
    private readonly PreparedStatements _sql = new(connection);

    public void Dispose() => _sql.Dispose();

    /// <param name="newPaper">The paper was inserted in this batch (no earlier links): counts are incremented, not recounted.</param>
    public async Task LinkAsync(long paperSeq, IReadOnlyList<string> names, string? profileOf, bool replace, bool newPaper = false)
    {
        var linked = new HashSet<long>();
        if (replace)
        {
            var old = await connection.QueryAsync<long>(new CommandDefinition(
                "DELETE FROM paper_authors WHERE paper_seq = @paperSeq AND position < @p RETURNING author_id",
                new { paperSeq, p = ProfilePosition }, transaction, cancellationToken: cancellationToken));
            _touched.UnionWith(old);
        }

        var parsed = new List<AuthorName>();
        var links = new List<(int Position, long Id, string Name)>(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            if (AuthorName.Parse(names[i]) is not { } name)
            {
                continue;
            }

            var id = await ResolveAsync(name);
            linked.Add(id);
            parsed.Add(name);
            links.Add((i, id, name.Display));
        }

        // One multi-row statement instead of one per author: on bulk imports the per-statement cost
        // of the ADO.NET layer outweighs SQLite's own work.
        WriteLinks(paperSeq, links);

        if (profileOf is not null && AuthorName.Parse(profileOf) is { } owner && !parsed.Any(owner.IsCompatibleWith))
        {
            var present = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT count(*) FROM paper_authors pa JOIN authors a ON a.id = pa.author_id WHERE pa.paper_seq = @paperSeq AND a.surname_key = @s",
                new { paperSeq, s = owner.Surname }, transaction, cancellationToken: cancellationToken));
            if (present == 0)
            {
                var id = await ResolveAsync(owner);
                linked.Add(id);
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT OR IGNORE INTO paper_authors (paper_seq, position, author_id, name) VALUES (@paperSeq, @p, @id, @name)",
                    new { paperSeq, p = ProfilePosition, id, name = owner.Display }, transaction, cancellationToken: cancellationToken));
            }
        }

        if (_deferCounts)
        {
            return; // recounted once when the bulk load completes
        }

        if (newPaper)
        {
            foreach (var id in linked)
            {
                _increments[id] = _increments.GetValueOrDefault(id) + 1;
            }
        }
        else
        {
            _touched.UnionWith(linked);
        }
    }

    /// <summary>Recomputes paper counts of every author this batch touched.</summary>
    public async Task RefreshCountsAsync()
    {
        foreach (var (id, n) in _increments)
        {
            if (!_touched.Contains(id))
            {
                _sql.Execute("UPDATE authors SET paper_count = paper_count + @n WHERE id = @id", ("@n", n), ("@id", id));
            }
        }

        _increments.Clear();
        if (_touched.Count == 0)
        {
            return;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE authors SET paper_count = (SELECT count(DISTINCT paper_seq) FROM paper_authors WHERE author_id = authors.id)
            WHERE id IN (SELECT value FROM json_each(@ids))
            """,
            new { ids = System.Text.Json.JsonSerializer.Serialize(_touched.ToArray()) }, transaction, cancellationToken: cancellationToken));
        _touched.Clear();
    }

    private async Task<long> ResolveAsync(AuthorName name)
    {
        var clusters = await ClustersAsync(name.Surname);
        var given = name.FirstGiven ?? "";
        AuthorCluster? match = null;
        if (given.Length > 1)
        {
            match = clusters.FirstOrDefault(c => c.GivenKey == given);
            if (match is null)
            {
                // An initial-only or surname-only cluster that is the only one compatible: this is its full name.
                var weaker = clusters.Where(c => c.GivenKey.Length <= 1 && (c.GivenKey.Length == 0 || c.GivenKey[0] == given[0])).ToList();
                var fullRivals = clusters.Any(c => c.GivenKey.Length > 1 && c.GivenKey[0] == given[0]);
                if (weaker.Count == 1 && !fullRivals)
                {
                    match = weaker[0];
                    match.GivenKey = given;
                    _sql.Execute(
                        "UPDATE authors SET given_key = @given, display_name = @display WHERE id = @id",
                        ("@given", given), ("@display", name.Display), ("@id", match.Id));
                }
            }
        }
        else if (given.Length == 1)
        {
            var compatible = clusters.Where(c => c.GivenKey.Length > 0 && c.GivenKey[0] == given[0] && c.GivenKey.Length > 1).ToList();
            match = compatible.Count == 1 ? compatible[0] : clusters.FirstOrDefault(c => c.GivenKey == given);
        }
        else
        {
            match = clusters.Count == 1 ? clusters[0] : clusters.FirstOrDefault(c => c.GivenKey.Length == 0);
        }

        if (match is null)
        {
            var id = _sql.Insert(
                "INSERT INTO authors (display_name, surname_key, given_key) VALUES (@display, @surname, @given)",
                ("@display", name.Display), ("@surname", name.Surname), ("@given", given));
            match = new AuthorCluster(id, given);
            clusters.Add(match);
        }

        return match.Id;
    }

    private const int RowsPerStatement = 16;
    private static readonly string[] LinkSql = new string[RowsPerStatement + 1];

    private void WriteLinks(long paperSeq, List<(int Position, long Id, string Name)> links)
    {
        for (var start = 0; start < links.Count; start += RowsPerStatement)
        {
            var n = Math.Min(RowsPerStatement, links.Count - start);
            var args = new (string, object?)[1 + (3 * n)];
            args[0] = ("@s", paperSeq);
            for (var k = 0; k < n; k++)
            {
                var (position, id, name) = links[start + k];
                args[1 + (3 * k)] = ($"@p{k}", position);
                args[2 + (3 * k)] = ($"@a{k}", id);
                args[3 + (3 * k)] = ($"@n{k}", name);
            }

            _sql.Execute(LinkSql[n] ??= "INSERT OR REPLACE INTO paper_authors (paper_seq, position, author_id, name) VALUES "
                + string.Join(", ", Enumerable.Range(0, n).Select(k => $"(@s, @p{k}, @a{k}, @n{k})")), args);
        }

    }

    private async Task<List<AuthorCluster>> ClustersAsync(string surname)
    {
        if (!_bySurname.TryGetValue(surname, out var list))
        {
            if (_bySurname.Count >= BulkLoadState.MaxCachedSurnames)
            {
                _bySurname.Clear();
            }

            list = [];
            using var rows = _sql.Query("SELECT id, given_key FROM authors WHERE surname_key = @surname", ("@surname", surname));
            while (rows.Read())
            {
                list.Add(new AuthorCluster(rows.GetInt64(0), rows.GetString(1) ?? ""));
            }

            _bySurname[surname] = list;
        }

        return list;
    }
}
