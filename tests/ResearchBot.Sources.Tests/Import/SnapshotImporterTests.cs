using System.IO.Compression;
using Microsoft.Extensions.Logging.Abstractions;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Sources.Import;
using ResearchBot.Sources.Tests.Support;

namespace ResearchBot.Sources.Tests.Import;

public sealed class SnapshotImporterTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rb-import-").FullName;
    private readonly TestHost _host = new();
    private readonly RecordingProgress _progress = new();

    private SnapshotImporter Importer(IPaperIngestor? ingestor = null) =>
        new(ingestor ?? _host.Get<IPaperIngestor>(), _host.Get<IEnumerable<IBulkLoader>>(), _progress, TimeProvider.System, NullLogger<SnapshotImporter>.Instance);

    private Task<int> ImportAsync(ImportRequest request, TextWriter output, TextWriter error, CancellationToken ct) =>
        Importer().ImportAsync(request, output, error, ct);

    [Fact]
    public void Registration_ResolvesTheImporter()
    {
        Assert.NotNull(_host.Get<SnapshotImporter>());
    }

    private string WriteFile(string name, string text, bool gzip = false)
    {
        var path = Path.Combine(_dir, name);
        if (gzip)
        {
            using var file = File.Create(path);
            using var z = new GZipStream(file, CompressionLevel.Optimal);
            z.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }
        else
        {
            File.WriteAllText(path, text);
        }

        return path;
    }

    private static string Mixed() =>
        Fixture.Text("kaggle_arxiv_metadata_snapshot_first25.jsonl")
        + "{\"id\":\"0704.99\n"
        + "\n"
        + "{\"title\":\"A demo paper about cats\",\"authors\":[\"Ada Lovelace\"],\"published\":\"2021\"}\n";

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Import_MixedFile_StoresGoodLinesSkipsBadOneAndReportsProgress(bool gzip)
    {
        var file = WriteFile(gzip ? "mixed.jsonl.gz" : "mixed.jsonl", Mixed(), gzip);
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await ImportAsync(new ImportRequest(file, BatchSize: 7), output, error, TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        Assert.Equal(26, await _host.Get<IPaperIndex>().CountAsync(TestContext.Current.CancellationToken));
        Assert.Contains("Imported 26 records", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("26 new", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("1 skipped", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("", error.ToString());
        // Progress: one step counting records, batch by batch, ending at the whole file.
        var step = Assert.Single(_progress.Steps);
        Assert.Equal(("import", "records"), (step.Title, step.Unit));
        Assert.True(step.Ended);
        Assert.Equal([7L, 14, 21, 26, 26], step.Reports.Select(r => r.Count));
        Assert.All(step.Reports, r => Assert.InRange(r.Fraction!.Value, 0, 1));
        Assert.Equal((26L, (double?)1.0, (string?)"skipped 1"), step.Reports[^1]);
    }

    [Fact]
    public async Task Import_BulkPath_BuildsTheSearchIndexAtTheEndAndShowsItsProgress()
    {
        var file = WriteFile("snap.jsonl", Fixture.Text("kaggle_arxiv_metadata_snapshot_first25.jsonl"));
        var error = new StringWriter();
        var ct = TestContext.Current.CancellationToken;

        var code = await ImportAsync(new ImportRequest(file, BatchSize: 10, Bulk: true), TextWriter.Null, error, ct);

        Assert.Equal(0, code);
        Assert.Equal(["import", "finishing: search index", "finishing: indexes", "finishing: author counts"], _progress.Steps.Select(s => s.Title));
        Assert.All(_progress.Steps, s => Assert.True(s.Ended));
        Assert.Equal(1.0, _progress.Steps[^1].Reports[^1].Fraction);
        var papers = _host.Get<IPaperIndex>();
        var first = await papers.GetAsync("0704.0001", ct);
        Assert.NotNull(first);
        Assert.Contains(await papers.SearchAsync(first.Title, 5, ct), p => p.Paper.Id == first.Id);
    }

    [Fact]
    public async Task Import_StoppedMidBulkLoad_KeepsStoredBatchesAndStillBuildsTheirSearchIndex()
    {
        var file = WriteFile("snap.jsonl", Fixture.Text("kaggle_arxiv_metadata_snapshot_first25.jsonl"));
        using var stop = new CancellationTokenSource();
        var importer = Importer(new StopAfterFirstBatch(_host.Get<IPaperIngestor>(), stop));
        var error = new StringWriter();

        var code = await importer.ImportAsync(new ImportRequest(file, BatchSize: 5, Bulk: true), TextWriter.Null, error, stop.Token);

        Assert.Equal(130, code);
        Assert.Contains("stopped after 5 records; every stored batch is kept", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("finishing: author counts", _progress.Steps[^1].Title);
        Assert.Equal(1.0, _progress.Steps[^1].Reports[^1].Fraction);
        var papers = _host.Get<IPaperIndex>();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(5, await papers.CountAsync(ct));
        var first = await papers.GetAsync("0704.0001", ct);
        Assert.Contains(await papers.SearchAsync(first!.Title, 5, ct), p => p.Paper.Id == first.Id);
    }

    /// <summary>Ctrl-C right after the first batch is stored.</summary>
    private sealed class StopAfterFirstBatch(IPaperIngestor inner, CancellationTokenSource stop) : IPaperIngestor
    {
        public async Task<PaperUpsertResult> IngestAsync(IReadOnlyList<PaperRecord> records, CancellationToken cancellationToken)
        {
            var result = await inner.IngestAsync(records, cancellationToken);
            await stop.CancelAsync();
            return result;
        }
    }

    private string WriteZip(string name, params (string Entry, string Text)[] entries)
    {
        var path = Path.Combine(_dir, name);
        using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entry, text) in entries)
        {
            using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
            writer.Write(text);
        }

        return path;
    }

    [Fact]
    public async Task Import_KaggleZip_ImportsItsJsonEntry()
    {
        // Kaggle serves the snapshot as archive.zip holding arxiv-metadata-oai-snapshot.json.
        var file = WriteZip("archive.zip", ("README.txt", "not data"), ("arxiv-metadata-oai-snapshot.json", Fixture.Text("kaggle_arxiv_metadata_snapshot_first25.jsonl")));
        var output = new StringWriter();

        var code = await ImportAsync(new ImportRequest(file), output, TextWriter.Null, TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        Assert.Contains("25 new", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(25, await _host.Get<IPaperIndex>().CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(true, "truncated or corrupt")]
    [InlineData(false, "holds no .json or .jsonl file")]
    public async Task Import_CutOrEmptyZip_FailsWithAClearMessage(bool cut, string expected)
    {
        var file = cut
            ? WriteZip("archive.zip", ("arxiv-metadata-oai-snapshot.json", Fixture.Text("kaggle_arxiv_metadata_snapshot_first25.jsonl")))
            : WriteZip("other.zip", ("notes.txt", "no papers here"));
        if (cut)
        {
            var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
            await File.WriteAllBytesAsync(file, bytes[..(bytes.Length * 2 / 3)], TestContext.Current.CancellationToken);
        }

        var error = new StringWriter();

        var code = await ImportAsync(new ImportRequest(file), TextWriter.Null, error, TestContext.Current.CancellationToken);

        Assert.Equal(1, code);
        Assert.Contains(expected, error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await _host.Get<IPaperIndex>().CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_WhileAnotherBulkLoadRuns_RefusesWithAMessageAndImportsNothing()
    {
        var file = WriteFile("snap.jsonl", Fixture.Text("kaggle_arxiv_metadata_snapshot_first25.jsonl"));
        var ct = TestContext.Current.CancellationToken;
        await using var other = await _host.Get<IEnumerable<IBulkLoader>>().Single().BeginAsync(ct);
        var error = new StringWriter();

        var code = await ImportAsync(new ImportRequest(file, Bulk: true), TextWriter.Null, error, ct);

        Assert.Equal(1, code);
        Assert.Contains("import: cannot start: A bulk load is already running", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("Nothing was imported.", error.ToString(), StringComparison.Ordinal);
        Assert.Equal(0, await _host.Get<IPaperIndex>().CountAsync(ct));
    }

    [Fact]
    public async Task Import_SameFileTwice_MergesInsteadOfDuplicating()
    {
        var file = WriteFile("snap.jsonl", Fixture.Text("kaggle_arxiv_metadata_snapshot_first25.jsonl"));
        var ct = TestContext.Current.CancellationToken;

        await ImportAsync(new ImportRequest(file), TextWriter.Null, TextWriter.Null, ct);
        var output = new StringWriter();
        await ImportAsync(new ImportRequest(file), output, TextWriter.Null, ct);

        Assert.Equal(25, await _host.Get<IPaperIndex>().CountAsync(ct));
        Assert.Contains("0 new, 25 merged", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_TruncatedGzip_KeepsRecordsBeforeTheCutAndFails()
    {
        var full = WriteFile("whole.jsonl.gz", Fixture.Text("kaggle_arxiv_metadata_snapshot_first25.jsonl"), gzip: true);
        var bytes = await File.ReadAllBytesAsync(full, TestContext.Current.CancellationToken);
        var cut = Path.Combine(_dir, "cut.jsonl.gz");
        await File.WriteAllBytesAsync(cut, bytes[..(bytes.Length * 2 / 3)], TestContext.Current.CancellationToken);
        var error = new StringWriter();

        var code = await ImportAsync(new ImportRequest(cut, BatchSize: 5), TextWriter.Null, error, TestContext.Current.CancellationToken);

        var count = await _host.Get<IPaperIndex>().CountAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, code);
        Assert.InRange(count, 5, 24); // every complete record before the cut is stored
        Assert.Contains("truncated", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100_001)]
    public async Task Import_BatchSizeOutOfRange_IsRefusedBeforeReading(int batch)
    {
        var file = WriteFile("snap.jsonl", Fixture.Text("kaggle_arxiv_metadata_snapshot_first25.jsonl"));

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => ImportAsync(new ImportRequest(file, batch), TextWriter.Null, TextWriter.Null, TestContext.Current.CancellationToken));
        Assert.Equal(0, await _host.Get<IPaperIndex>().CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Import_MissingFile_ExitsWithMessage()
    {
        var error = new StringWriter();

        Assert.Equal(2, await ImportAsync(new ImportRequest(Path.Combine(_dir, "nope.jsonl")), TextWriter.Null, error, TestContext.Current.CancellationToken));
        Assert.Contains("no such file", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _host.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
