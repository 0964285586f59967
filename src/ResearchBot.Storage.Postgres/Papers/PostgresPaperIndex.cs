using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Storage;

namespace ResearchBot.Storage.Postgres.Papers;

/// <summary>
/// <see cref="IPaperIndex"/> on PostgreSQL: full-text search over a stored <c>tsvector</c> (folded title, weight A,
/// above the abstract, weight B) with a GIN index, ranked by <c>ts_rank</c>.
/// </summary>
internal sealed class PostgresPaperIndex(
    PostgresDatabase database,
    IEnumerable<IPostgresUpsertParticipant> participants,
    BulkLoadState bulk,
    TimeProvider timeProvider,
    ILogger<PostgresPaperIndex> logger,
    IOptions<StorageOptions>? options = null) : IPaperIndex
{
    /// <summary>The channel a batch that added papers notifies on commit (payload: first and last new seq).</summary>
    public const string PapersChannel = "researchbot_papers";

    public async Task<PaperUpsertResult> UpsertAsync(IReadOnlyList<PaperRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return PaperUpsertResult.Empty;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        PaperUpsertResult result;
        try
        {
            // One writer at a time across every process, as SQLite has: merges and author clusters see all earlier batches.
            // During a bulk load, batches commit without waiting for the WAL flush (see PostgresBulkLoader).
            await connection.ExecuteAsync(new CommandDefinition(
                (bulk.Active ? "SET LOCAL synchronous_commit = off; " : "") + "SELECT pg_advisory_xact_lock(@k)",
                new { k = PostgresDatabase.WriterLock }, tx, cancellationToken: cancellationToken, commandTimeout: 0));
            var writer = new PostgresPaperWriter(connection, tx, timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), bulk, cancellationToken);
            result = await writer.WriteAsync(records);
            if (result.Added.Length > 0)
            {
                foreach (var participant in participants)
                {
                    await participant.OnPapersAddedAsync(connection, tx, result.Added, cancellationToken);
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    "SELECT pg_notify(@channel, @payload)",
                    new { channel = database.ChannelName(PapersChannel), payload = $"{result.Added.Min(p => p.Seq)}:{result.Added.Max(p => p.Seq)}:{database.ProcessToken}" },
                    tx, cancellationToken: cancellationToken));
            }

            await tx.CommitAsync(cancellationToken);
        }
        catch
        {
            bulk.Forget(); // clusters made by the rolled-back batch must not be reused
            throw;
        }

        Log.BatchUpserted(logger, records.Count, result.Added.Length, result.Merged, result.Skipped.Length);
        return result;
    }

    public async Task<Paper?> GetAsync(string id, CancellationToken cancellationToken)
    {
        var key = id.Trim();
        if (key.Length == 0 || key.Length > 300)
        {
            return null;
        }

        var arxiv = PaperIdentity.NormalizeArxiv(key);
        var doi = DoiText.Normalize(key);
        var lower = key.ToLowerInvariant();
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<PaperRow>(new CommandDefinition(
            $"SELECT {PaperRow.Columns} FROM papers WHERE id = @lower OR arxiv_id = @arxiv OR doi = @doi LIMIT 1",
            new { lower, arxiv, doi }, cancellationToken: cancellationToken));
        return row?.ToPaper();
    }

    public async Task<IReadOnlyList<Paper>> GetBySeqAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken)
    {
        if (seqs.Count == 0)
        {
            return [];
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PaperRow>(new CommandDefinition(
            $"SELECT {PaperRow.Columns} FROM papers WHERE seq = ANY(@seqs)", new { seqs = seqs.ToArray() }, cancellationToken: cancellationToken));
        var bySeq = rows.ToDictionary(r => r.Seq);
        return [.. seqs.Where(bySeq.ContainsKey).Select(s => bySeq[s].ToPaper())];
    }

    public async Task<PaperSearchResult> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        if (TsQuery.WebSearchAll(query) is not { } all)
        {
            return PaperSearchResult.Empty;
        }

        var budget = options?.Value.SearchCandidates ?? StorageOptions.DefaultSearchCandidates;
        var hits = await RankAsync("websearch_to_tsquery('english', @q)", all, limit, budget, cancellationToken);
        return hits.Count > 0 ? hits : await RankAsync("to_tsquery('english', @q)", TsQuery.Expression(query, any: true, titleOnly: false)!, limit, budget, cancellationToken);
    }

    /// <summary>
    /// Ranks the matches of a text-search query within the candidate budget, with the same <c>ts_rank</c> as
    /// <see cref="MatchAsync"/> (it depends on the paper and the query only, so a paper scores the same either way).
    /// First up to <paramref name="budget"/> + 1 matches straight from the GIN index's bitmap, in heap order: the heap
    /// is visited only until they are found. Up to the budget that is every match, ranked exactly as
    /// <see cref="MatchAsync"/> ranks them (score, then seq). Above it, the newest <paramref name="budget"/> matches
    /// (highest seq) are ranked, found by whichever costs less for this query's match density, estimated from how far
    /// into the heap (≈ seq order) the first step had to read: walking the primary key down from the newest paper
    /// and testing each (≈ that many rows when matches are dense), or the index's bitmap of every match, sorted by
    /// seq (one heap visit a match, when they are sparse). Either is at most ≈ √(budget × papers) rows. A budget of 0
    /// ranks every match.
    /// </summary>
    private async Task<PaperSearchResult> RankAsync(string tsquery, string q, int limit, int budget, CancellationToken cancellationToken)
    {
        if (budget <= 0)
        {
            return new PaperSearchResult(await MatchAsync(tsquery, q, limit, cancellationToken));
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        // The planner would otherwise walk the table (or the primary key) for a LIMIT over a common word, and all of
        // it when the words are rarer than it guessed; an exact bitmap of a million matches needs ~30 MB.
        await connection.ExecuteAsync(new CommandDefinition(
            "SET LOCAL enable_seqscan = off; SET LOCAL enable_indexscan = off; SET LOCAL work_mem = '64MB'", transaction: tx, cancellationToken: cancellationToken));
        var found = (await connection.QueryAsync<(long Seq, double Score)>(new CommandDefinition(
            $"""
            SELECT seq, ts_rank(search, query)::float8 AS score
            FROM paper_search, {tsquery} AS query
            WHERE search @@ query
            LIMIT @cap
            """,
            new { q, cap = (long)budget + 1 }, tx, cancellationToken: cancellationToken))).ToList();

        SearchCoverage? partial = null;
        if (found.Count > budget)
        {
            partial = new SearchCoverage((long)budget + 1, budget);
            // min and max from the primary key's ends (with index scans off they cost a pass over the whole table).
            await connection.ExecuteAsync(new CommandDefinition("SET LOCAL enable_indexscan = on", transaction: tx, cancellationToken: cancellationToken));
            var (low, high) = await connection.QuerySingleAsync<(long Low, long High)>(new CommandDefinition(
                "SELECT coalesce(min(seq), 0), coalesce(max(seq), 0) FROM papers", transaction: tx, cancellationToken: cancellationToken));
            var reach = Math.Max(1, found.Max(f => f.Seq) - low + 1);
            var papers = Math.Max(1, high - low + 1);
            // Walking down from the newest expects to test ≈ reach rows; the bitmap visits ≈ budget × papers / reach.
            var walk = (double)reach * reach <= (double)budget * papers;
            if (walk)
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "SET LOCAL enable_bitmapscan = off", transaction: tx, cancellationToken: cancellationToken));
                found = (await connection.QueryAsync<(long Seq, double Score)>(new CommandDefinition(
                    $"""
                    SELECT seq, ts_rank(search, query)::float8 AS score
                    FROM paper_search, {tsquery} AS query
                    WHERE search @@ query
                    ORDER BY seq DESC
                    LIMIT @budget
                    """,
                    new { q, budget }, tx, cancellationToken: cancellationToken))).ToList();
            }
            else
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "SET LOCAL enable_indexscan = off", transaction: tx, cancellationToken: cancellationToken));
                var newest = (await connection.QueryAsync<long>(new CommandDefinition(
                    $"""
                    SELECT seq
                    FROM paper_search, {tsquery} AS query
                    WHERE search @@ query
                    ORDER BY seq DESC
                    LIMIT @budget
                    """,
                    new { q, budget }, tx, cancellationToken: cancellationToken))).ToArray();
                found = (await connection.QueryAsync<(long Seq, double Score)>(new CommandDefinition(
                    $"SELECT seq, ts_rank(search, query)::float8 AS score FROM paper_search, {tsquery} AS query WHERE seq = ANY(@newest)",
                    new { q, newest }, tx, cancellationToken: cancellationToken))).ToList();
            }

            Log.SearchOverBudget(logger, budget, walk ? "primary key walk" : "bitmap", reach, papers);
        }

        await tx.CommitAsync(cancellationToken);
        var top = found.OrderByDescending(f => f.Score).ThenBy(f => f.Seq).Take(limit).ToList();
        return new PaperSearchResult(await LoadHitsAsync(top, cancellationToken), partial);
    }

    public async Task<IReadOnlyList<PaperHit>> FindByTitleAsync(string title, int limit, CancellationToken cancellationToken)
    {
        var key = PaperIdentity.TitleKey(title);
        if (key.Length == 0)
        {
            return [];
        }

        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            var exact = (await connection.QueryAsync<PaperRow>(new CommandDefinition(
                $"SELECT {PaperRow.Columns} FROM papers WHERE title_key = @key ORDER BY seq LIMIT @limit", new { key, limit }, cancellationToken: cancellationToken))).ToList();
            if (exact.Count > 0)
            {
                return [.. exact.Select(r => new PaperHit(r.ToPaper(), double.MaxValue))];
            }
        }

        if (TsQuery.Expression(title, any: false, titleOnly: true) is not { } inTitle)
        {
            return [];
        }

        var hits = await MatchAsync("to_tsquery('english', @q)", inTitle, limit, cancellationToken);
        return hits.Count > 0 ? hits : await MatchAsync("to_tsquery('english', @q)", TsQuery.Expression(title, any: true, titleOnly: true)!, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<Paper>> RecentlyIndexedAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PaperRow>(new CommandDefinition(
            $"SELECT {PaperRow.Columns} FROM papers WHERE indexed_at >= @since ORDER BY indexed_at DESC, seq DESC LIMIT @limit",
            new { since = since.ToUnixTimeMilliseconds(), limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToPaper())];
    }

    public async Task<IReadOnlyList<Paper>> MostUpvotedAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PaperRow>(new CommandDefinition(
            $"SELECT {PaperRow.Columns} FROM papers WHERE indexed_at >= @since AND upvotes > 0 ORDER BY upvotes DESC, seq DESC LIMIT @limit",
            new { since = since.ToUnixTimeMilliseconds(), limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToPaper())];
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM papers", cancellationToken: cancellationToken, commandTimeout: 0));
    }

    public async IAsyncEnumerable<Paper> StreamAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        const int Page = 2000;
        long after = 0;
        while (true)
        {
            List<PaperRow> rows;
            await using (var connection = await database.OpenAsync(cancellationToken))
            {
                rows = (await connection.QueryAsync<PaperRow>(new CommandDefinition(
                    $"SELECT {PaperRow.Columns} FROM papers WHERE seq > @after ORDER BY seq LIMIT {Page}", new { after }, cancellationToken: cancellationToken))).ToList();
            }

            foreach (var row in rows)
            {
                yield return row.ToPaper();
            }

            if (rows.Count < Page)
            {
                yield break;
            }

            after = rows[^1].Seq;
        }
    }

    /// <summary>Papers after <paramref name="afterSeq"/> up to <paramref name="toSeq"/>, in seq order (for other processes' notifications).</summary>
    internal async Task<IReadOnlyList<Paper>> RangeAsync(long afterSeq, long toSeq, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PaperRow>(new CommandDefinition(
            $"SELECT {PaperRow.Columns} FROM papers WHERE seq > @afterSeq AND seq <= @toSeq ORDER BY seq", new { afterSeq, toSeq }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToPaper())];
    }

    private async Task<IReadOnlyList<PaperHit>> MatchAsync(string tsquery, string q, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Ranked on the index's matches first (seq and rank only), then the page of hits is loaded.
        var rows = (await connection.QueryAsync<(long Seq, double Score)>(new CommandDefinition(
            $"""
            SELECT seq, ts_rank(search, query)::float8 AS score
            FROM paper_search, {tsquery} AS query
            WHERE search @@ query
            ORDER BY score DESC, seq
            LIMIT @limit
            """,
            new { q, limit }, cancellationToken: cancellationToken))).ToList();
        return await LoadHitsAsync(rows, cancellationToken);
    }

    /// <summary>The papers of ranked seqs, in their order; a paper gone since it was ranked is dropped.</summary>
    private async Task<IReadOnlyList<PaperHit>> LoadHitsAsync(List<(long Seq, double Score)> ranked, CancellationToken cancellationToken)
    {
        var papers = await GetBySeqAsync([.. ranked.Select(s => s.Seq)], cancellationToken);
        var bySeq = papers.ToDictionary(p => p.Seq);
        return [.. ranked.Where(s => bySeq.ContainsKey(s.Seq)).Select(s => new PaperHit(bySeq[s.Seq], s.Score))];
    }
}
