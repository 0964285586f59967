using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Storage;

namespace ResearchBot.Storage.Sqlite.Papers;

/// <inheritdoc cref="IPaperIndex"/>
internal sealed class SqlitePaperIndex(
    SqliteDatabase database,
    IEnumerable<IPaperUpsertParticipant> participants,
    BulkLoadState bulk,
    TimeProvider timeProvider,
    ILogger<SqlitePaperIndex> logger,
    IOptions<StorageOptions>? options = null) : IPaperIndex
{
    public async Task<PaperUpsertResult> UpsertAsync(IReadOnlyList<PaperRecord> records, CancellationToken cancellationToken)
    {
        if (records.Count == 0)
        {
            return PaperUpsertResult.Empty;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = (Microsoft.Data.Sqlite.SqliteTransaction)await connection.BeginTransactionAsync(System.Data.IsolationLevel.Serializable, cancellationToken);
        PaperUpsertResult result;
        try
        {
            var writer = new PaperWriter(connection, tx, timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), cancellationToken, bulk);
            result = await writer.WriteAsync(records);
            if (result.Added.Length > 0)
            {
                foreach (var participant in participants)
                {
                    await participant.OnPapersAddedAsync(connection, tx, result.Added, cancellationToken);
                }
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
        // Public ids are always lower case (PaperIdentity.PublicId), so comparing the lowered key keeps the lookup
        // case-insensitive while every OR branch can use its unique index (COLLATE NOCASE forced a full scan).
        var lower = key.ToLowerInvariant();
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<PaperRow>(new CommandDefinition(
            $"""
            SELECT {PaperRow.Columns} FROM papers
            WHERE id = @lower OR arxiv_id = @arxiv OR doi = @doi
            LIMIT 1
            """,
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
            $"SELECT {PaperRow.Columns} FROM papers WHERE seq IN (SELECT value FROM json_each(@seqs))",
            new { seqs = System.Text.Json.JsonSerializer.Serialize(seqs) }, cancellationToken: cancellationToken));
        var bySeq = rows.ToDictionary(r => r.Seq);
        return [.. seqs.Where(bySeq.ContainsKey).Select(s => bySeq[s].ToPaper())];
    }

    public async Task<PaperSearchResult> SearchAsync(string query, int limit, CancellationToken cancellationToken)
    {
        var all = FtsQuery.All(query);
        if (all is null)
        {
            return PaperSearchResult.Empty;
        }

        var budget = options?.Value.SearchCandidates ?? StorageOptions.DefaultSearchCandidates;
        var hits = await RankAsync(all, limit, budget, cancellationToken);
        return hits.Count > 0 ? hits : await RankAsync(FtsQuery.Any(query)!, limit, budget, cancellationToken);
    }

    /// <summary>
    /// Ranks the matches of <paramref name="match"/> within the candidate budget: FTS5 walks the matches newest first
    /// (descending rowid, which is seq) and stops after <paramref name="budget"/> + 1, scoring each with the same
    /// <c>bm25</c> as <see cref="MatchAsync"/> (its statistics are the whole table's, not the candidates', so a paper
    /// scores the same either way). Up to the budget that is every match, ranked exactly as <see cref="MatchAsync"/>
    /// ranks them (score, then seq); above it the oldest candidate is dropped and the newest <paramref name="budget"/>
    /// are ranked. A budget of 0 ranks every match.
    /// </summary>
    private async Task<PaperSearchResult> RankAsync(string match, int limit, int budget, CancellationToken cancellationToken)
    {
        if (budget <= 0)
        {
            return new PaperSearchResult(await MatchAsync(match, limit, cancellationToken));
        }

        List<ScoredRow> candidates;
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            candidates = (await connection.QueryAsync<ScoredRow>(new CommandDefinition(
                """
                SELECT rowid AS seq, -bm25(papers_fts, 3.0, 1.0) AS score
                FROM papers_fts
                WHERE papers_fts MATCH @match
                ORDER BY rowid DESC
                LIMIT @cap
                """,
                new { match, cap = (long)budget + 1 }, cancellationToken: cancellationToken))).ToList();
        }

        SearchCoverage? partial = null;
        if (candidates.Count > budget)
        {
            candidates.RemoveAt(candidates.Count - 1);
            partial = new SearchCoverage((long)budget + 1, budget);
        }

        var top = candidates.OrderByDescending(c => c.Score).ThenBy(c => c.Seq).Take(limit).ToList();
        return new PaperSearchResult(await LoadAsync(top, cancellationToken), partial);
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
                $"SELECT {PaperRow.Columns} FROM papers WHERE title_key = @key LIMIT @limit", new { key, limit }, cancellationToken: cancellationToken))).ToList();
            if (exact.Count > 0)
            {
                return [.. exact.Select(r => new PaperHit(r.ToPaper(), double.MaxValue))];
            }
        }

        var inTitle = await MatchAsync(FtsQuery.All(title, "title")!, limit, cancellationToken);
        return inTitle.Count > 0 ? inTitle : await MatchAsync(FtsQuery.Any(title, "title")!, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<Paper>> RecentlyIndexedAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PaperRow>(new CommandDefinition(
            $"SELECT {PaperRow.Columns} FROM papers WHERE indexed_at >= @since ORDER BY indexed_at DESC, seq DESC LIMIT @limit",
            new { since = since.ToUnixTimeMilliseconds(), limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToPaper())];
    }

    /// <summary>Served by the partial index <c>papers_upvoted</c> (migration 0008), which holds only upvoted papers.</summary>
    internal static readonly string MostUpvotedSql =
        $"SELECT {PaperRow.Columns} FROM papers WHERE indexed_at >= @since AND upvotes > 0 ORDER BY upvotes DESC, seq DESC LIMIT @limit";

    public async Task<IReadOnlyList<Paper>> MostUpvotedAsync(DateTimeOffset since, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<PaperRow>(new CommandDefinition(
            MostUpvotedSql, new { since = since.ToUnixTimeMilliseconds(), limit }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => r.ToPaper())];
    }

    public async Task<long> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM papers", cancellationToken: cancellationToken));
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

    private async Task<IReadOnlyList<PaperHit>> MatchAsync(string match, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<ScoredRow>(new CommandDefinition(
            $"""
            SELECT rowid AS seq, -bm25(papers_fts, 3.0, 1.0) AS score
            FROM papers_fts
            WHERE papers_fts MATCH @match
            ORDER BY bm25(papers_fts, 3.0, 1.0), rowid
            LIMIT @limit
            """,
            new { match, limit }, cancellationToken: cancellationToken));
        // Ranked in FTS5 alone: joining papers here cost a row look-up per match before the sort (1.1 vs 0.4 s for a
        // word in 666k of 2.7M papers); the page of hits is loaded below, and a row that is gone is dropped there.
        return await LoadAsync(rows.ToList(), cancellationToken);
    }

    private async Task<IReadOnlyList<PaperHit>> LoadAsync(List<ScoredRow> scored, CancellationToken cancellationToken)
    {
        var papers = await GetBySeqAsync([.. scored.Select(s => s.Seq)], cancellationToken);
        var bySeq = papers.ToDictionary(p => p.Seq);
        return [.. scored.Where(s => bySeq.ContainsKey(s.Seq)).Select(s => new PaperHit(bySeq[s.Seq], s.Score))];
    }

    private sealed class ScoredRow
    {
        public long Seq { get; set; }
        public double Score { get; set; }
    }
}
