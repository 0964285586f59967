using System.Collections.Immutable;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Papers;

namespace ResearchBot.Storage.Postgres.Papers;

/// <summary>
/// Merges one batch of records into <c>papers</c> inside the caller's transaction, with the same identity and merge
/// rules as the SQLite writer, but set-wise: the rows a batch could merge with are fetched in three queries, records
/// are merged in memory, and new papers, authors and byline links are written with binary <c>COPY</c>.
/// Writers are serialised by an advisory transaction lock (<see cref="PostgresDatabase.WriterLock"/>), as SQLite's
/// single writer is, so "max(seq) at subscription time" and author clustering stay exact across processes.
/// </summary>
internal sealed class PostgresPaperWriter(NpgsqlConnection connection, NpgsqlTransaction transaction, long nowMs, BulkLoadState bulk, CancellationToken cancellationToken)
{
    public const int MaxTitle = 1000;
    public const int MaxAbstract = 20_000;
    public const int MaxAuthors = 500;
    public const int ProfilePosition = 1000;

    private readonly List<string> _skipped = [];
    private int _mergedCount;

    // The batch's papers and lookups: reused between batches (see WriterBuffers), so cleared before use.
    private List<Entry> _new = null!;
    private List<Entry> _merged = null!;
    private Dictionary<string, Entry> _byArxiv = null!;
    private Dictionary<string, Entry> _byDoi = null!;
    private Dictionary<string, List<Entry>> _byTitle = null!;

    internal sealed class Entry(PaperRow row, bool isNew)
    {
        public PaperRow Row { get; } = row;
        public bool IsNew { get; } = isNew;
        public string? OriginalAbstract { get; } = row.Abstract;
        public PaperRow? Original { get; } = isNew ? null : Copy(row);
        public bool ReplaceAuthors { get; set; }

        /// <summary>The byline <see cref="PaperRow.Authors"/> encodes, where this batch wrote it (new papers and replaced bylines).</summary>
        public ImmutableArray<string> Byline { get; set; }
        public List<string> ProfileOf { get; } = [];
    }

    public async Task<PaperUpsertResult> WriteAsync(IReadOnlyList<PaperRecord> records)
    {
        var buffers = bulk.RentBuffers();
        try
        {
            (_new, _merged, _byArxiv, _byDoi, _byTitle) = (buffers.New, buffers.Merged, buffers.ByArxiv, buffers.ByDoi, buffers.ByTitle);
            return await WriteAsync(records, buffers.NewLinks);
        }
        finally
        {
            bulk.ReturnBuffers(buffers);
        }
    }

    private async Task<PaperUpsertResult> WriteAsync(IReadOnlyList<PaperRecord> records, List<(long Seq, int Position, long AuthorId, string Name)> newLinks)
    {
        var clean = new List<(PaperRecord Record, string? Arxiv, string? Doi, string TitleKey)>(records.Count);
        foreach (var record in records)
        {
            var title = RecordText.Clean(record.Title, MaxTitle);
            if (title is null)
            {
                _skipped.Add($"record from {record.Source} has no title");
                continue;
            }

            var r = record with { Title = title, Abstract = RecordText.Clean(record.Abstract, MaxAbstract) };
            var arxiv = PaperIdentity.NormalizeArxiv(r.ArxivId);
            var doi = DoiText.Normalize(r.Doi);
            if (arxiv is not null && doi is not null && doi.StartsWith("10.48550/arxiv.", StringComparison.Ordinal))
            {
                doi = null; // arXiv's own DOI adds nothing to the arXiv id
            }

            clean.Add((r, arxiv, doi, PaperIdentity.TitleKey(r.Title)));
        }

        await PrefetchAsync(clean);
        foreach (var (r, arxiv, doi, titleKey) in clean)
        {
            cancellationToken.ThrowIfCancellationRequested();
            WriteOne(r, arxiv, doi, titleKey);
        }

        await FlushPapersAsync();
        await new AuthorLinks(connection, transaction, bulk, newLinks, cancellationToken).WriteAsync(
            _new.Select(e => (e.Row.Seq, e.Byline, (IReadOnlyList<string>)e.ProfileOf, false, true))
                .Concat(_merged.Where(e => e.ReplaceAuthors || e.ProfileOf.Count > 0)
                    .Select(e => (e.Row.Seq, e.ReplaceAuthors ? e.Byline : [], (IReadOnlyList<string>)e.ProfileOf, e.ReplaceAuthors, false)))
                .ToList());
        return new PaperUpsertResult([.. _new.Select(e => e.Row.ToPaper(e.Byline))], _mergedCount, [.. _skipped]);
    }

    private async Task PrefetchAsync(List<(PaperRecord Record, string? Arxiv, string? Doi, string TitleKey)> clean)
    {
        var arxivs = clean.Where(c => c.Arxiv is not null).Select(c => c.Arxiv!).Distinct().ToArray();
        var dois = clean.Where(c => c.Doi is not null).Select(c => c.Doi!).Distinct().ToArray();
        var titlesNoArxiv = clean.Where(c => c.Arxiv is not null && c.TitleKey.Length >= PaperIdentity.MinMergeableTitleKey).Select(c => c.TitleKey).Distinct().ToArray();
        var titlesAll = clean.Where(c => c.Arxiv is null && c.TitleKey.Length >= PaperIdentity.MinMergeableTitleKey).Select(c => c.TitleKey).Distinct().ToArray();
        var rows = await connection.QueryAsync<PaperRow>(new CommandDefinition(
            $"""
            SELECT {PaperRow.Columns} FROM papers WHERE arxiv_id = ANY(@arxivs)
            UNION SELECT {PaperRow.Columns} FROM papers WHERE doi = ANY(@dois)
            UNION SELECT {PaperRow.Columns} FROM papers WHERE title_key = ANY(@titlesNoArxiv) AND arxiv_id IS NULL
            UNION SELECT {PaperRow.Columns} FROM papers WHERE title_key = ANY(@titlesAll)
            ORDER BY seq
            """,
            new { arxivs, dois, titlesNoArxiv, titlesAll }, transaction, cancellationToken: cancellationToken, commandTimeout: 0));
        foreach (var row in rows)
        {
            Register(new Entry(row, isNew: false));
        }
    }

    private void Register(Entry e)
    {
        if (e.Row.Arxiv_Id is { } a)
        {
            _byArxiv[a] = e;
        }

        if (e.Row.Doi is { } d)
        {
            _byDoi[d] = e;
        }

        if (!_byTitle.TryGetValue(e.Row.Title_Key, out var list))
        {
            _byTitle[e.Row.Title_Key] = list = [];
        }

        if (!list.Contains(e))
        {
            list.Add(e);
        }
    }

    private Entry? Find(string? arxiv, string? doi, string titleKey)
    {
        if (arxiv is not null && _byArxiv.TryGetValue(arxiv, out var byArxiv))
        {
            return byArxiv;
        }

        if (doi is not null && _byDoi.TryGetValue(doi, out var byDoi))
        {
            return byDoi;
        }

        if (titleKey.Length < PaperIdentity.MinMergeableTitleKey || !_byTitle.TryGetValue(titleKey, out var sameTitle))
        {
            return null;
        }

        // Same title: the same work unless the identifiers say otherwise (a record with an arXiv id only merges
        // with papers that have none). At most the first five, as the SQLite probe looks.
        return sameTitle
            .Where(e => arxiv is null || e.Row.Arxiv_Id is null)
            .Take(5)
            .FirstOrDefault(e => (arxiv is null || e.Row.Arxiv_Id is null || e.Row.Arxiv_Id == arxiv) && (doi is null || e.Row.Doi is null || e.Row.Doi == doi));
    }

    private void WriteOne(PaperRecord r, string? arxiv, string? doi, string titleKey)
    {
        var existing = Find(arxiv, doi, titleKey);
        var authors = r.Authors.IsDefault ? [] : r.Authors.Select(a => a.Trim()).Where(a => a.Length > 0).Take(MaxAuthors).ToImmutableArray();
        var categories = r.Categories.IsDefault ? [] : r.Categories.Select(c => c.Trim()).Where(c => c.Length > 0 && !c.Contains(' ', StringComparison.Ordinal)).Distinct(StringComparer.OrdinalIgnoreCase).ToImmutableArray();
        if (existing is null)
        {
            var row = new PaperRow
            {
                Id = PaperIdentity.PublicId(arxiv, doi, titleKey),
                Arxiv_Id = arxiv,
                Doi = doi,
                Title_Key = titleKey,
                Title = r.Title,
                Abstract = r.Abstract,
                Authors = PaperRow.EncodeAuthors(authors),
                Authors_Truncated = r.AuthorsTruncated ? 1 : 0,
                Published = PaperRow.FormatDate(r.Published),
                Published_Year_Only = r.PublishedYearOnly ? 1 : 0,
                Updated = PaperRow.FormatDate(r.Updated),
                Categories = string.Join(' ', categories),
                Venue = r.Venue,
                Arxiv_Version = r.ArxivVersion,
                Url = r.Url,
                Citations = r.Citations,
                Upvotes = r.Upvotes,
                Sources = r.Source,
                Indexed_At = nowMs,
            };
            var entry = new Entry(row, isNew: true) { Byline = authors };
            if (r.ProfileOf is not null)
            {
                entry.ProfileOf.Add(r.ProfileOf);
            }

            _new.Add(entry);
            Register(entry);
            return;
        }

        _mergedCount++;
        if (!existing.IsNew && !_merged.Contains(existing))
        {
            _merged.Add(existing);
        }

        Merge(existing, r, arxiv, doi, authors, categories);
        Register(existing);
    }

    private static void Merge(Entry entry, PaperRecord r, string? arxiv, string? doi, ImmutableArray<string> authors, ImmutableArray<string> categories)
    {
        var row = entry.Row;
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

        row.Abstract = row.Abstract is null || (r.Abstract is not null && row.Abstract.Length < r.Abstract.Length / 2) ? r.Abstract ?? row.Abstract : row.Abstract;
        row.Updated = PaperRow.FormatDate(r.Updated) is { } u && (row.Updated is null || string.CompareOrdinal(u, row.Updated) > 0) ? u : row.Updated;
        row.Id = newArxiv is null && newDoi is null ? row.Id : PaperIdentity.PublicId(newArxiv, newDoi, row.Title_Key);
        row.Arxiv_Id = newArxiv;
        row.Doi = newDoi;
        if (betterAuthors)
        {
            row.Authors = PaperRow.EncodeAuthors(authors);
            entry.Byline = authors;
            row.Authors_Truncated = r.AuthorsTruncated ? 1 : 0;
            entry.ReplaceAuthors = !entry.IsNew;
        }

        row.Published = PaperRow.FormatDate(published);
        row.Published_Year_Only = yearOnly ? 1 : 0;
        row.Categories = string.Join(' ', PaperRow.Split(row.Categories).Concat(categories).Distinct(StringComparer.OrdinalIgnoreCase));
        row.Venue ??= r.Venue;
        row.Arxiv_Version = row.Arxiv_Version is null && r.ArxivVersion is null ? null : Math.Max(row.Arxiv_Version ?? 0, r.ArxivVersion ?? 0);
        row.Url ??= r.Url;
        row.Citations = r.Citations is { } c ? Math.Max(row.Citations ?? 0, c) : row.Citations;
        row.Upvotes = r.Upvotes is { } v ? Math.Max(row.Upvotes ?? 0, v) : row.Upvotes;
        row.Sources = string.Join(' ', PaperRow.Split(row.Sources).Append(r.Source).Distinct(StringComparer.Ordinal));
        if (r.ProfileOf is not null)
        {
            entry.ProfileOf.Add(r.ProfileOf);
        }
    }

    private async Task FlushPapersAsync()
    {
        if (_new.Count > 0)
        {
            var seqs = (await connection.QueryAsync<long>(new CommandDefinition(
                "SELECT nextval(pg_get_serial_sequence('papers', 'seq')) FROM generate_series(1, @n)", new { n = _new.Count }, transaction, cancellationToken: cancellationToken))).ToList();
            for (var i = 0; i < _new.Count; i++)
            {
                _new[i].Row.Seq = seqs[i];
            }

            await MakeTitleIdsUniqueAsync();
            await using (var copy = await connection.BeginBinaryImportAsync(
                "COPY papers (seq, id, arxiv_id, doi, title_key, title, abstract, authors, authors_truncated, published, published_year_only, updated, categories, venue, arxiv_version, url, citations, upvotes, sources, indexed_at) FROM STDIN (FORMAT BINARY)",
                cancellationToken))
            {
                foreach (var row in _new.Select(e => e.Row))
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(row.Seq, NpgsqlDbType.Bigint, cancellationToken);
                    await copy.WriteAsync(row.Id, NpgsqlDbType.Text, cancellationToken);
                    await WriteNullableAsync(copy, row.Arxiv_Id);
                    await WriteNullableAsync(copy, row.Doi);
                    await copy.WriteAsync(row.Title_Key, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(row.Title, NpgsqlDbType.Text, cancellationToken);
                    await WriteNullableAsync(copy, row.Abstract);
                    await copy.WriteAsync(row.Authors, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(row.Authors_Truncated, NpgsqlDbType.Bigint, cancellationToken);
                    await WriteNullableAsync(copy, row.Published);
                    await copy.WriteAsync(row.Published_Year_Only, NpgsqlDbType.Bigint, cancellationToken);
                    await WriteNullableAsync(copy, row.Updated);
                    await copy.WriteAsync(row.Categories, NpgsqlDbType.Text, cancellationToken);
                    await WriteNullableAsync(copy, row.Venue);
                    await WriteNullableAsync(copy, row.Arxiv_Version);
                    await WriteNullableAsync(copy, row.Url);
                    await WriteNullableAsync(copy, row.Citations);
                    await WriteNullableAsync(copy, row.Upvotes);
                    await copy.WriteAsync(row.Sources, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(row.Indexed_At, NpgsqlDbType.Bigint, cancellationToken);
                }

                await copy.CompleteAsync(cancellationToken);
            }

            if (!bulk.Active)
            {
                // During a bulk load the loader's search filler indexes committed batches on its own connection.
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO paper_search (seq, search) SELECT seq, paper_search_vector(title_key, abstract) FROM papers WHERE seq = ANY(@seqs)",
                    new { seqs = _new.Select(e => e.Row.Seq).ToArray() }, transaction, cancellationToken: cancellationToken, commandTimeout: 0));
            }
        }

        var reindex = new List<long>();
        foreach (var e in _merged)
        {
            var row = e.Row;
            var abstractChanged = !string.Equals(row.Abstract, e.OriginalAbstract, StringComparison.Ordinal);
            if (!abstractChanged && SameMetadata(row, e.Original!))
            {
                continue; // a merge that changes nothing writes nothing
            }

            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE papers SET
                    id = @Id, arxiv_id = @Arxiv_Id, doi = @Doi, authors = @Authors, authors_truncated = @Authors_Truncated,
                    published = @Published, published_year_only = @Published_Year_Only, updated = @Updated, categories = @Categories,
                    venue = @Venue, arxiv_version = @Arxiv_Version, url = @Url, citations = @Citations, upvotes = @Upvotes, sources = @Sources,
                    abstract = @Abstract
                WHERE seq = @Seq
                """,
                row, transaction, cancellationToken: cancellationToken));
            if (abstractChanged)
            {
                reindex.Add(row.Seq);
            }
        }

        if (reindex.Count > 0)
        {
            // An upsert, also during a bulk load: the row may be the filler's to insert still (it then keeps this one).
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO paper_search (seq, search) SELECT seq, paper_search_vector(title_key, abstract) FROM papers WHERE seq = ANY(@reindex)
                ON CONFLICT (seq) DO UPDATE SET search = EXCLUDED.search
                """,
                new { reindex = reindex.ToArray() }, transaction, cancellationToken: cancellationToken));
        }
    }

    /// <summary>Title keys of papers that must not merge (generic titles) can repeat: number the later ones.</summary>
    private async Task MakeTitleIdsUniqueAsync()
    {
        var titleOnly = _new.Where(e => e.Row.Arxiv_Id is null && e.Row.Doi is null).ToList();
        if (titleOnly.Count == 0)
        {
            return;
        }

        var stems = titleOnly.Select(e => e.Row.Id).Distinct().ToArray();
        var taken = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT id FROM papers WHERE id = ANY(@stems) OR id LIKE ANY(@patterns)",
            new { stems, patterns = stems.Select(s => s + "-%").ToArray() }, transaction, cancellationToken: cancellationToken))).ToHashSet(StringComparer.Ordinal);
        taken.UnionWith(_new.Where(e => e.Row.Arxiv_Id is not null || e.Row.Doi is not null).Select(e => e.Row.Id));
        foreach (var e in titleOnly)
        {
            var stem = e.Row.Id;
            var candidate = stem;
            for (var n = 2; taken.Contains(candidate); n++)
            {
                candidate = $"{stem}-{n}";
            }

            e.Row.Id = candidate;
            taken.Add(candidate);
        }
    }

    private Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value) =>
        value is null ? copy.WriteNullAsync(cancellationToken) : copy.WriteAsync(value, NpgsqlDbType.Text, cancellationToken);

    private Task WriteNullableAsync(NpgsqlBinaryImporter copy, long? value) =>
        value is { } v ? copy.WriteAsync(v, NpgsqlDbType.Bigint, cancellationToken) : copy.WriteNullAsync(cancellationToken);

    private static bool SameMetadata(PaperRow a, PaperRow b) =>
        a.Id == b.Id && a.Arxiv_Id == b.Arxiv_Id && a.Doi == b.Doi && a.Authors == b.Authors && a.Authors_Truncated == b.Authors_Truncated
        && a.Published == b.Published && a.Published_Year_Only == b.Published_Year_Only && a.Updated == b.Updated
        && a.Categories == b.Categories && a.Venue == b.Venue && a.Arxiv_Version == b.Arxiv_Version && a.Url == b.Url
        && a.Citations == b.Citations && a.Upvotes == b.Upvotes && a.Sources == b.Sources;

    private static PaperRow Copy(PaperRow r) => new()
    {
        Seq = r.Seq, Id = r.Id, Arxiv_Id = r.Arxiv_Id, Doi = r.Doi, Title_Key = r.Title_Key, Title = r.Title, Abstract = r.Abstract,
        Authors = r.Authors, Authors_Truncated = r.Authors_Truncated, Published = r.Published, Published_Year_Only = r.Published_Year_Only,
        Updated = r.Updated, Categories = r.Categories, Venue = r.Venue, Arxiv_Version = r.Arxiv_Version, Url = r.Url,
        Citations = r.Citations, Upvotes = r.Upvotes, Sources = r.Sources, Indexed_At = r.Indexed_At,
    };
}
