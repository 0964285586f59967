using System.Collections.Immutable;
using Dapper;
using Microsoft.Data.Sqlite;
using ResearchBot.Core.Papers;
using ResearchBot.Storage.Sqlite.Authors;

namespace ResearchBot.Storage.Sqlite.Papers;

/// <summary>Merges one batch of records into <c>papers</c> inside a caller's transaction.</summary>
internal sealed class PaperWriter(SqliteConnection connection, SqliteTransaction transaction, long nowMs, CancellationToken cancellationToken, BulkLoadState? bulk = null) : IDisposable
{
    public const int MaxTitle = 1000;
    public const int MaxAbstract = 20_000;
    public const int MaxAuthors = 500;

    private readonly AuthorLinker _authors = new(connection, transaction, cancellationToken, bulk);
    private readonly PreparedStatements _sql = new(connection);
    private readonly List<Paper> _added = [];
    private readonly HashSet<long> _addedSeqs = [];
    private readonly HashSet<long> _remerged = [];
    private readonly List<string> _skipped = [];
    private int _merged;
    private bool? _arxivlessPapers;
    private bool? _titleIndexReady;

    public async Task<PaperUpsertResult> WriteAsync(IReadOnlyList<PaperRecord> records)
    {
        try
        {
            return await WriteAllAsync(records);
        }
        finally
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        _sql.Dispose();
        _authors.Dispose();
    }

    /// <summary>Batches at least this big (imports) get a bigger page cache on their connection.</summary>
    public const int BulkBatch = 500;

    private async Task<PaperUpsertResult> WriteAllAsync(IReadOnlyList<PaperRecord> records)
    {
        if (records.Count >= BulkBatch)
        {
            // Bulk loads touch index pages all over the file; SQLite's 2 MB default cache turns that into a pread per
            // lookup. 256 MB (allocated only as used, kept by the pooled connection) keeps the hot index pages in memory.
            _sql.Execute("PRAGMA cache_size = -262144");
        }

        // During a bulk load the WAL may grow to ~800 MB between checkpoints, so index pages rewritten by many batches are
        // copied into the database once rather than at every 4 MB (SQLite's default); otherwise keep the default.
        _sql.Execute(bulk?.Active == true ? "PRAGMA wal_autocheckpoint = 200000" : "PRAGMA wal_autocheckpoint = 1000");

        foreach (var record in records)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var title = RecordText.Clean(record.Title, MaxTitle);
            if (title is null)
            {
                _skipped.Add($"record from {record.Source} has no title");
                continue;
            }

            await WriteOneAsync(record with { Title = title, Abstract = RecordText.Clean(record.Abstract, MaxAbstract) });
        }

        await _authors.RefreshCountsAsync();
        // Papers are returned as written; only those a later record of the same batch merged into are re-read.
        var fresh = _added.ToArray();
        if (_remerged.Count > 0)
        {
            var rows = (await connection.QueryAsync<PaperRow>(new CommandDefinition(
                $"SELECT {PaperRow.Columns} FROM papers WHERE seq IN (SELECT value FROM json_each(@seqs))",
                new { seqs = System.Text.Json.JsonSerializer.Serialize(_remerged.ToArray()) }, transaction, cancellationToken: cancellationToken))).ToDictionary(r => r.Seq);
            for (var i = 0; i < fresh.Length; i++)
            {
                if (rows.TryGetValue(fresh[i].Seq, out var row))
                {
                    fresh[i] = row.ToPaper();
                }
            }
        }

        return new PaperUpsertResult([.. fresh], _merged, [.. _skipped]);
    }

    private async Task WriteOneAsync(PaperRecord r)
    {
        var arxiv = PaperIdentity.NormalizeArxiv(r.ArxivId);
        var doi = DoiText.Normalize(r.Doi);
        if (arxiv is not null && doi is not null && doi.StartsWith("10.48550/arxiv.", StringComparison.Ordinal))
        {
            doi = null; // arXiv's own DOI adds nothing to the arXiv id
        }

        var titleKey = PaperIdentity.TitleKey(r.Title);
        var existing = await FindAsync(arxiv, doi, titleKey);
        var authors = r.Authors.IsDefault ? [] : r.Authors.Select(a => a.Trim()).Where(a => a.Length > 0).Take(MaxAuthors).ToImmutableArray();
        var categories = r.Categories.IsDefault ? [] : r.Categories.Select(c => c.Trim()).Where(c => c.Length > 0 && !c.Contains(' ', StringComparison.Ordinal)).Distinct(StringComparer.OrdinalIgnoreCase).ToImmutableArray();

        if (existing is null)
        {
            var id = PaperIdentity.PublicId(arxiv, doi, titleKey);
            if (arxiv is null && doi is null)
            {
                id = UniqueId(id);
            }

            var seq = _sql.Insert(
                """
                INSERT INTO papers (id, arxiv_id, doi, title_key, title, abstract, authors, authors_truncated, published, published_year_only,
                                    updated, categories, venue, arxiv_version, url, citations, upvotes, sources, indexed_at)
                VALUES (@id, @arxiv, @doi, @titleKey, @title, @abstract, @authors, @truncated, @published, @yearOnly,
                        @updated, @categories, @venue, @version, @url, @citations, @upvotes, @sources, @now)
                """,
                ("@id", id), ("@arxiv", arxiv), ("@doi", doi), ("@titleKey", titleKey), ("@title", r.Title), ("@abstract", r.Abstract),
                ("@authors", PaperRow.EncodeAuthors(authors)), ("@truncated", r.AuthorsTruncated ? 1 : 0), ("@published", PaperRow.FormatDate(r.Published)),
                ("@yearOnly", r.PublishedYearOnly ? 1 : 0), ("@updated", PaperRow.FormatDate(r.Updated)), ("@categories", string.Join(' ', categories)),
                ("@venue", r.Venue), ("@version", r.ArxivVersion), ("@url", r.Url), ("@citations", r.Citations), ("@upvotes", r.Upvotes),
                ("@sources", r.Source), ("@now", nowMs));
            await _authors.LinkAsync(seq, authors, r.ProfileOf, replace: false, newPaper: true);
            // Exactly what reading the row back gives (PaperRow.ToPaper), without the read.
            _added.Add(new Paper
            {
                Seq = seq, Id = id, Title = r.Title, Abstract = r.Abstract, Authors = authors, AuthorsTruncated = r.AuthorsTruncated,
                Published = r.Published, PublishedYearOnly = r.PublishedYearOnly, Updated = r.Updated, Categories = categories,
                Venue = r.Venue, ArxivId = arxiv, ArxivVersion = r.ArxivVersion, Doi = doi, Url = r.Url, Citations = r.Citations,
                Upvotes = r.Upvotes, Sources = PaperRow.Split(r.Source), IndexedAt = DateTimeOffset.FromUnixTimeMilliseconds(nowMs),
            });
            _addedSeqs.Add(seq);
            if (arxiv is null)
            {
                _arxivlessPapers = true; // merges never remove an arXiv id
            }

            return;
        }

        _merged++;
        if (_addedSeqs.Contains(existing.Seq))
        {
            _remerged.Add(existing.Seq);
        }

        await MergeAsync(existing, r, arxiv, doi, authors, categories);
    }

    private async Task<PaperRow?> FindAsync(string? arxiv, string? doi, string titleKey)
    {
        // Most records are new: probe with prepared statements and load the full row only on a hit.
        if (arxiv is not null && _sql.ScalarInt64("SELECT seq FROM papers WHERE arxiv_id = @v", ("@v", arxiv)) is { } byArxiv)
        {
            return await LoadAsync(byArxiv);
        }

        if (doi is not null && _sql.ScalarInt64("SELECT seq FROM papers WHERE doi = @v", ("@v", doi)) is { } byDoi)
        {
            return await LoadAsync(byDoi);
        }

        if (titleKey.Length < PaperIdentity.MinMergeableTitleKey)
        {
            return null;
        }

        // A record with an arXiv id can only merge on title with a paper that has none (an equal id was found above,
        // a different one contradicts): while no such paper exists, as on a load of the snapshot, skip the probe.
        if (arxiv is not null && !ArxivlessPapersExist())
        {
            return null;
        }

        // Same title: the same work unless the identifiers say otherwise. A record with an arXiv id looks only at papers
        // without one, through the small partial index that holds just those; a record without one looks at all.
        var probe = arxiv is not null
            ? "SELECT seq, arxiv_id, doi FROM papers INDEXED BY papers_title_key_noarxiv WHERE title_key = @titleKey AND arxiv_id IS NULL LIMIT 5"
            : "SELECT seq, arxiv_id, doi FROM papers WHERE title_key = @titleKey LIMIT 5";
        if (arxiv is null)
        {
            // A bulk load drops the full title index (arXiv records do not use it); this probe does.
            _titleIndexReady ??= _sql.ScalarInt64("SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = @name)", ("@name", SqliteBulkLoader.TitleIndex.Name)) == 1;
            if (_titleIndexReady == false)
            {
                _sql.Execute(SqliteBulkLoader.TitleIndex.Create);
                _titleIndexReady = true;
            }
        }

        long? match = null;
        using (var rows = _sql.Query(probe, ("@titleKey", titleKey)))
        {
            while (match is null && rows.Read())
            {
                var rowArxiv = rows.GetString(1);
                var rowDoi = rows.GetString(2);
                if ((arxiv is null || rowArxiv is null || rowArxiv == arxiv) && (doi is null || rowDoi is null || rowDoi == doi))
                {
                    match = rows.GetInt64(0);
                }
            }
        }

        return match is { } seq ? await LoadAsync(seq) : null;
    }

    /// <summary>Whether any paper lacks an arXiv id: asked once per batch (the write transaction keeps it true), then tracked.</summary>
    private bool ArxivlessPapersExist() =>
        _arxivlessPapers ??= _sql.ScalarInt64("SELECT EXISTS (SELECT 1 FROM papers WHERE arxiv_id IS NULL)") == 1;

    private Task<PaperRow?> LoadAsync(long seq) =>
        connection.QueryFirstOrDefaultAsync<PaperRow>(new CommandDefinition(
            $"SELECT {PaperRow.Columns} FROM papers WHERE seq = @seq", new { seq }, transaction, cancellationToken: cancellationToken));

    private async Task MergeAsync(PaperRow row, PaperRecord r, string? arxiv, string? doi, ImmutableArray<string> authors, ImmutableArray<string> categories)
    {
        var newArxiv = row.Arxiv_Id ?? arxiv;
        var newDoi = row.Doi ?? doi;
        var oldAuthors = PaperRow.DecodeAuthors(row.Authors);
        // Prefer the fuller byline: a complete list over a cut one, else the longer one.
        var betterAuthors = authors.Length > 0 && (oldAuthors.Length == 0 || (row.Authors_Truncated != 0 && !r.AuthorsTruncated) || (authors.Length > oldAuthors.Length && (r.AuthorsTruncated || row.Authors_Truncated == 0)));
        var published = PaperRow.ParseDate(row.Published);
        var yearOnly = row.Published_Year_Only != 0;
        if (r.Published is { } p && (published is null || (yearOnly && !r.PublishedYearOnly && p.Year == published.Value.Year)))
        {
            published = p;
            yearOnly = r.PublishedYearOnly;
        }

        // The merged row, decided here rather than in SQL so that a merge which changes nothing (a re-imported file, a
        // feed announcing a paper again) writes nothing, and one that leaves the abstract alone does not re-index it.
        var abstractText = row.Abstract is null || (r.Abstract is not null && row.Abstract.Length < r.Abstract.Length / 2) ? r.Abstract ?? row.Abstract : row.Abstract;
        var updated = PaperRow.FormatDate(r.Updated) is { } u && (row.Updated is null || string.CompareOrdinal(u, row.Updated) > 0) ? u : row.Updated;
        var merged = new PaperRow
        {
            Seq = row.Seq,
            Id = newArxiv is null && newDoi is null ? row.Id : PaperIdentity.PublicId(newArxiv, newDoi, row.Title_Key),
            Arxiv_Id = newArxiv,
            Doi = newDoi,
            Abstract = abstractText,
            Authors = betterAuthors ? PaperRow.EncodeAuthors(authors) : row.Authors,
            Authors_Truncated = betterAuthors ? (r.AuthorsTruncated ? 1 : 0) : row.Authors_Truncated,
            Published = PaperRow.FormatDate(published),
            Published_Year_Only = yearOnly ? 1 : 0,
            Updated = updated,
            Categories = string.Join(' ', PaperRow.Split(row.Categories).Concat(categories).Distinct(StringComparer.OrdinalIgnoreCase)),
            Venue = row.Venue ?? r.Venue,
            Arxiv_Version = row.Arxiv_Version is null && r.ArxivVersion is null ? null : Math.Max(row.Arxiv_Version ?? 0, r.ArxivVersion ?? 0),
            Url = row.Url ?? r.Url,
            Citations = r.Citations is { } c ? Math.Max(row.Citations ?? 0, c) : row.Citations,
            Upvotes = r.Upvotes is { } v ? Math.Max(row.Upvotes ?? 0, v) : row.Upvotes,
            Sources = string.Join(' ', PaperRow.Split(row.Sources).Append(r.Source).Distinct(StringComparer.Ordinal)),
        };

        var abstractChanged = !string.Equals(merged.Abstract, row.Abstract, StringComparison.Ordinal);
        if (abstractChanged || !SameMetadata(merged, row))
        {
            // papers_au re-indexes the search row when abstract is SET, changed or not: only name it when it changed.
            (string, object?)[] args =
            [
                ("@seq", row.Seq), ("@id", merged.Id), ("@arxiv", merged.Arxiv_Id), ("@doi", merged.Doi),
                ("@authors", merged.Authors), ("@truncated", merged.Authors_Truncated), ("@published", merged.Published), ("@yearOnly", merged.Published_Year_Only),
                ("@updated", merged.Updated), ("@categories", merged.Categories), ("@venue", merged.Venue), ("@version", merged.Arxiv_Version),
                ("@url", merged.Url), ("@citations", merged.Citations), ("@upvotes", merged.Upvotes), ("@sources", merged.Sources),
            ];
            _sql.Execute(
                abstractChanged ? MergeSql + ", abstract = @abstract WHERE seq = @seq" : MergeSql + " WHERE seq = @seq",
                abstractChanged ? [.. args, ("@abstract", merged.Abstract)] : args);
        }

        if (betterAuthors)
        {
            await _authors.LinkAsync(row.Seq, authors, r.ProfileOf, replace: true);
        }
        else if (r.ProfileOf is not null)
        {
            await _authors.LinkAsync(row.Seq, [], r.ProfileOf, replace: false);
        }
    }

    private const string MergeSql = """
        UPDATE papers SET
            id = @id, arxiv_id = @arxiv, doi = @doi, authors = @authors, authors_truncated = @truncated,
            published = @published, published_year_only = @yearOnly, updated = @updated, categories = @categories,
            venue = @venue, arxiv_version = @version, url = @url, citations = @citations, upvotes = @upvotes, sources = @sources
        """;

    private static bool SameMetadata(PaperRow a, PaperRow b) =>
        a.Id == b.Id && a.Arxiv_Id == b.Arxiv_Id && a.Doi == b.Doi && a.Authors == b.Authors && a.Authors_Truncated == b.Authors_Truncated
        && a.Published == b.Published && a.Published_Year_Only == b.Published_Year_Only && a.Updated == b.Updated
        && a.Categories == b.Categories && a.Venue == b.Venue && a.Arxiv_Version == b.Arxiv_Version && a.Url == b.Url
        && a.Citations == b.Citations && a.Upvotes == b.Upvotes && a.Sources == b.Sources;

    /// <summary>Title keys of papers that must not merge (generic titles) can repeat: number the later ones.</summary>
    private string UniqueId(string id)
    {
        var candidate = id;
        for (var n = 2; _sql.ScalarInt64("SELECT count(*) FROM papers WHERE id = @candidate", ("@candidate", candidate)) > 0; n++)
        {
            candidate = $"{id}-{n}";
        }

        return candidate;
    }
}
