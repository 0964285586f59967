using Dapper;
using Npgsql;
using NpgsqlTypes;
using ResearchBot.Core.Authors;

namespace ResearchBot.Storage.Postgres.Papers;

/// <summary>
/// Files byline names under author clusters, with the SQLite linker's rules (same folded surname and a first given name
/// that agrees; an initial or bare surname joins the one compatible cluster; otherwise a new cluster), for a whole
/// batch at once: clusters of every surname in the batch are read in one query, new clusters and the links of new
/// papers are written with binary <c>COPY</c>.
/// </summary>
/// <param name="newLinks">Where the links of new papers are collected before their <c>COPY</c>: empty, and reused between batches (see <see cref="WriterBuffers"/>).</param>
internal sealed class AuthorLinks(NpgsqlConnection connection, NpgsqlTransaction transaction, BulkLoadState bulk, List<(long Seq, int Position, long AuthorId, string Name)> newLinks, CancellationToken cancellationToken)
{
    private readonly bool _deferCounts = bulk.Active;
    private readonly Dictionary<string, List<AuthorCluster>> _bySurname = bulk.Active ? bulk.Clusters : new(StringComparer.Ordinal);
    private readonly List<AuthorCluster> _created = [];
    private readonly Dictionary<long, AuthorCluster> _renamed = [];
    private readonly Queue<long> _ids = new();

    /// <param name="items">Per paper: its byline (in order), profile owners to add when missing, whether the byline replaces the stored one, and whether the paper is new.</param>
    public async Task WriteAsync(IReadOnlyList<(long Seq, System.Collections.Immutable.ImmutableArray<string> Names, IReadOnlyList<string> ProfileOf, bool Replace, bool NewPaper)> items)
    {
        if (items.Count == 0)
        {
            return;
        }

        // A batch's bylines run to thousands of names, and lists (or sets) of that size are large-object arrays, which
        // the runtime collects only with the whole heap (the bulk load's cluster cache included): the parsed bylines
        // are sized once, the new links go to a list kept between batches, the touched set only exists where counts
        // are kept per batch.
        var parsed = new (List<(int Position, AuthorName Name)> Byline, List<AuthorName> Owners)[items.Count];
        var names = 0;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var byline = new List<(int Position, AuthorName Name)>(item.Names.Length);
            for (var k = 0; k < item.Names.Length; k++)
            {
                if (AuthorName.Parse(item.Names[k]) is { } name)
                {
                    byline.Add((k, name));
                }
            }

            parsed[i] = (byline, [.. item.ProfileOf.Select(AuthorName.Parse).OfType<AuthorName>()]);
            names += byline.Count + parsed[i].Owners.Count;
        }

        await LoadClustersAsync(parsed.SelectMany(p => p.Byline.Select(b => b.Name.Surname).Concat(p.Owners.Select(o => o.Surname))));

        var touched = _deferCounts ? null : new HashSet<long>();
        var replaced = items.Where(i => i.Replace).Select(i => i.Seq).ToArray();
        if (replaced.Length > 0)
        {
            var unlinked = await connection.QueryAsync<long>(new CommandDefinition(
                "DELETE FROM paper_authors WHERE paper_seq = ANY(@replaced) AND position < @p RETURNING author_id",
                new { replaced, p = PostgresPaperWriter.ProfilePosition }, transaction, cancellationToken: cancellationToken));
            touched?.UnionWith(unlinked);
        }

        // Surnames already linked to merged papers, for "is the profile owner on the byline already?".
        var oldSeqs = items.Where(i => !i.NewPaper && i.ProfileOf.Count > 0).Select(i => i.Seq).ToArray();
        var present = (oldSeqs.Length == 0 ? [] : await connection.QueryAsync<(long Seq, string Surname)>(new CommandDefinition(
            "SELECT pa.paper_seq, a.surname_key FROM paper_authors pa JOIN authors a ON a.id = pa.author_id WHERE pa.paper_seq = ANY(@oldSeqs)",
            new { oldSeqs }, transaction, cancellationToken: cancellationToken))).ToLookup(r => r.Seq, r => r.Surname);

        newLinks.EnsureCapacity(names);
        var oldLinks = new List<(long Seq, int Position, long AuthorId, string Name)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var (byline, owners) = parsed[i];
            var links = item.NewPaper ? newLinks : oldLinks;
            // Surnames on the byline, for the profile owners only (most papers have none).
            var surnames = owners.Count == 0 ? null : new HashSet<string>(present[item.Seq], StringComparer.Ordinal);
            foreach (var (position, name) in byline)
            {
                if (item.NewPaper || item.Replace)
                {
                    var id = await ResolveAsync(name);
                    links.Add((item.Seq, position, id, name.Display));
                    touched?.Add(id);
                    surnames?.Add(name.Surname);
                }
            }

            var profileTaken = false;
            foreach (var owner in owners)
            {
                if (profileTaken || byline.Any(b => owner.IsCompatibleWith(b.Name)) || surnames!.Contains(owner.Surname))
                {
                    continue;
                }

                var id = await ResolveAsync(owner);
                links.Add((item.Seq, PostgresPaperWriter.ProfilePosition, id, owner.Display));
                touched?.Add(id);
                surnames!.Add(owner.Surname);
                profileTaken = true; // one profile position per paper (INSERT OR IGNORE in SQLite)
            }
        }

        await FlushClustersAsync();
        await CopyLinksAsync(newLinks);
        if (oldLinks.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO paper_authors (paper_seq, position, author_id, name)
                SELECT * FROM unnest(@seqs, @positions, @ids, @names)
                ON CONFLICT (paper_seq, position) DO NOTHING
                """,
                new
                {
                    seqs = oldLinks.Select(l => l.Seq).ToArray(), positions = oldLinks.Select(l => (long)l.Position).ToArray(),
                    ids = oldLinks.Select(l => l.AuthorId).ToArray(), names = oldLinks.Select(l => l.Name).ToArray(),
                },
                transaction, cancellationToken: cancellationToken));
        }

        if (touched is { Count: > 0 })
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE authors a SET paper_count = c.n
                FROM (SELECT t.id, (SELECT count(DISTINCT paper_seq) FROM paper_authors WHERE author_id = t.id) AS n FROM unnest(@ids) AS t(id)) c
                WHERE a.id = c.id AND a.paper_count <> c.n
                """,
                new { ids = touched.ToArray() }, transaction, cancellationToken: cancellationToken));
        }
    }

    private async Task LoadClustersAsync(IEnumerable<string> surnames)
    {
        var missing = surnames.Where(s => !_bySurname.ContainsKey(s)).Distinct(StringComparer.Ordinal).ToArray();
        if (missing.Length == 0)
        {
            return;
        }

        if (_bySurname.Count + missing.Length > BulkLoadState.MaxCachedSurnames)
        {
            _bySurname.Clear();
            missing = [.. surnames.Distinct(StringComparer.Ordinal)];
        }

        foreach (var s in missing)
        {
            _bySurname[s] = [];
        }

        var rows = await connection.QueryAsync<(long Id, string Surname, string Given)>(new CommandDefinition(
            "SELECT id, surname_key, given_key FROM authors WHERE surname_key = ANY(@missing) ORDER BY id",
            new { missing }, transaction, cancellationToken: cancellationToken));
        foreach (var (id, surname, given) in rows)
        {
            _bySurname[surname].Add(new AuthorCluster(id, given));
        }
    }

    private async ValueTask<long> ResolveAsync(AuthorName name)
    {
        if (!_bySurname.TryGetValue(name.Surname, out var clusters))
        {
            await LoadClustersAsync([name.Surname]);
            clusters = _bySurname[name.Surname];
        }

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
                    match.Display = name.Display;
                    if (!_created.Contains(match))
                    {
                        _renamed[match.Id] = match;
                    }
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
            match = new AuthorCluster(await NextIdAsync(), given) { Display = name.Display, Surname = name.Surname };
            clusters.Add(match);
            _created.Add(match);
        }

        return match.Id;
    }

    private async Task<long> NextIdAsync()
    {
        if (_ids.Count == 0)
        {
            var block = Math.Clamp(_created.Count, 64, 16_384);
            foreach (var id in await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT nextval(pg_get_serial_sequence('authors', 'id')) FROM generate_series(1, @block)", new { block }, transaction, cancellationToken: cancellationToken)))
            {
                _ids.Enqueue(id);
            }
        }

        return _ids.Dequeue();
    }

    private async Task FlushClustersAsync()
    {
        if (_created.Count > 0)
        {
            await using var copy = await connection.BeginBinaryImportAsync("COPY authors (id, display_name, surname_key, given_key) FROM STDIN (FORMAT BINARY)", cancellationToken);
            foreach (var c in _created)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(c.Id, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(c.Display, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(c.Surname, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(c.GivenKey, NpgsqlDbType.Text, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
            _created.Clear();
        }

        if (_renamed.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE authors a SET given_key = u.given, display_name = u.display FROM unnest(@ids, @givens, @displays) AS u(id, given, display) WHERE a.id = u.id",
                new { ids = _renamed.Keys.ToArray(), givens = _renamed.Values.Select(c => c.GivenKey).ToArray(), displays = _renamed.Values.Select(c => c.Display).ToArray() },
                transaction, cancellationToken: cancellationToken));
            _renamed.Clear();
        }
    }

    private async Task CopyLinksAsync(List<(long Seq, int Position, long AuthorId, string Name)> links)
    {
        if (links.Count == 0)
        {
            return;
        }

        await using var copy = await connection.BeginBinaryImportAsync("COPY paper_authors (paper_seq, position, author_id, name) FROM STDIN (FORMAT BINARY)", cancellationToken);
        foreach (var (seq, position, id, name) in links)
        {
            await copy.StartRowAsync(cancellationToken);
            await copy.WriteAsync(seq, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync((long)position, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(id, NpgsqlDbType.Bigint, cancellationToken);
            await copy.WriteAsync(name, NpgsqlDbType.Text, cancellationToken);
        }

        await copy.CompleteAsync(cancellationToken);
    }
}
