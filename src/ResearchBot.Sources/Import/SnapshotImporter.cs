using System.IO.Compression;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Progress;
using ResearchBot.Sources.Snapshot;

namespace ResearchBot.Sources.Import;

/// <summary>
/// Streams a JSON-lines file (arXiv snapshot or demo format, detected per line, optionally .gz or a .zip holding it) into
/// the index through <see cref="IPaperIngestor"/>. Parsing and writing overlap through a bounded channel, so memory stays
/// flat whatever the file size; each batch commits atomically. The executable's <c>import</c> verb calls it.
/// </summary>
public sealed class SnapshotImporter(IPaperIngestor ingestor, IEnumerable<IBulkLoader> bulkLoaders, IProgressReporter progress, TimeProvider timeProvider, ILogger<SnapshotImporter> logger)
{
    /// <summary>Files at least this large (bytes on disk) are loaded in bulk mode.</summary>
    public const long BulkThresholdBytes = 50L * 1024 * 1024;

    /// <summary>
    /// Imports the file; returns the process exit status (0 done, 1 failed or refused, 2 no such file, 130 stopped),
    /// with the summary on <paramref name="output"/> and everything else on <paramref name="error"/>.
    /// </summary>
    public async Task<int> ImportAsync(ImportRequest request, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(request.BatchSize, ImportRequest.MinBatchSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.BatchSize, ImportRequest.MaxBatchSize);
        var file = request.File;
        if (!File.Exists(file))
        {
            await error.WriteLineAsync($"import: no such file: {file}");
            return 2;
        }

        var tally = new ImportTally(timeProvider);
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        tally.TotalBytes = stream.Length;

        // Big files (or any, with Bulk) go through the store's bulk path: search index and author counts built once at
        // the end. It is refused while another import loads the same database: say so, before reading anything.
        IBulkLoad? started = null;
        if ((stream.Length >= BulkThresholdBytes || request.Bulk) && bulkLoaders.FirstOrDefault() is { } loader)
        {
            try
            {
                started = await loader.BeginAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await error.WriteLineAsync($"import: cannot start: {ex.Message} Nothing was imported.");
                return 1;
            }
        }

        await using var bulk = started;
        var channel = Channel.CreateBounded<List<PaperRecord>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var tracker = progress.Start("import", "records");
        var reader = Task.Run(() => ReadAsync(stream, KindOf(file), request.BatchSize, channel.Writer, tally, cts.Token), cts.Token);
        try
        {
            await foreach (var batch in channel.Reader.ReadAllAsync(cts.Token))
            {
                var result = await ingestor.IngestAsync(batch, cts.Token);
                tally.Stored(batch.Count, result.Added.Length, result.Merged, result.Skipped.Length);
                tracker.Report(tally.Records, tally.Fraction, tally.SkippedNote());
            }

            await reader;
            tracker.Report(tally.Records, tally.Fraction, tally.SkippedNote());
            tracker.Dispose();
            if (bulk is not null)
            {
                using var steps = new StepProgress(progress);
                await bulk.CompleteAsync(steps, cts.Token);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            tracker.Dispose();
            await error.WriteLineAsync($"import: stopped after {tally.Records:N0} records; every stored batch is kept.");
            await FinishAfterStopAsync(bulk, error);
            return 130;
        }
        catch (Exception ex)
        {
            await cts.CancelAsync();
            tracker.Dispose();
            await error.WriteLineAsync($"import: stopped after {tally.Records:N0} records: {ex.Message}. Every batch before the failure is stored; nothing from the failed batch is.");
            await FinishAfterStopAsync(bulk, error);
            return 1;
        }

        await output.WriteLineAsync(tally.SummaryLine());
        return 0;
    }

    /// <summary>
    /// A stopped bulk load still gets the search index of what it stored, shown like a finished one; a second Ctrl-C
    /// ends the process and leaves that to the next start (the pending-load marker), as would a failure here.
    /// </summary>
    private async Task FinishAfterStopAsync(IBulkLoad? bulk, TextWriter error)
    {
        if (bulk is null)
        {
            return;
        }

        await error.WriteLineAsync("import: building the search index of the stored records (Ctrl-C again leaves it to the next start)");
        try
        {
            using var steps = new StepProgress(progress);
            await bulk.CompleteAsync(steps, CancellationToken.None);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"import: the search index could not be built now ({ex.Message}); the next start builds it.");
        }
    }

    private static uint? GzipTrailerLength(FileStream file)
    {
        if (file.Length < 18)
        {
            return null;
        }

        Span<byte> trailer = stackalloc byte[4];
        file.Seek(-4, SeekOrigin.End);
        file.ReadExactly(trailer);
        file.Seek(0, SeekOrigin.Begin);
        return System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(trailer);
    }

    private enum FileKind
    {
        Plain,
        Gzip,
        Zip,
    }

    private static FileKind KindOf(string file) =>
        file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? FileKind.Gzip
        : file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase) ? FileKind.Zip
        : FileKind.Plain;

    /// <summary>
    /// The JSON-lines member of a .zip (Kaggle serves the snapshot as <c>archive.zip</c> holding
    /// <c>arxiv-metadata-oai-snapshot.json</c>): the largest <c>.json</c> or <c>.jsonl</c> entry.
    /// </summary>
    private static ZipArchiveEntry JsonEntry(ZipArchive zip) =>
        zip.Entries
            .Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase) || e.FullName.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase))
            .MaxBy(e => e.Length)
        ?? throw new NotSupportedException("the zip archive holds no .json or .jsonl file");

    private async Task ReadAsync(FileStream file, FileKind kind, int batchSize, ChannelWriter<List<PaperRecord>> writer, ImportTally tally, CancellationToken cancellationToken)
    {
        try
        {
            // A cut-off archive must not pass for a short file: GZipStream ends quietly (the trailer's ISIZE, the length
            // mod 2^32, tells); a .zip without its central directory (at the end) does not open at all, and its entry
            // gives the length to expect.
            using var zip = kind == FileKind.Zip ? new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true) : null;
            var entry = zip is null ? null : JsonEntry(zip);
            long? expectedLength = kind == FileKind.Gzip ? GzipTrailerLength(file) : entry?.Length;
            await using var decompressed = kind switch
            {
                FileKind.Gzip => new CountingStream(new GZipStream(file, CompressionMode.Decompress)),
                FileKind.Zip => new CountingStream(await entry!.OpenAsync(cancellationToken)),
                _ => null,
            };
            using var text = new StreamReader(decompressed ?? (Stream)file, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, bufferSize: 1 << 16);
            var batch = new List<PaperRecord>(batchSize);
            long lineNo = 0;
            while (await text.ReadLineAsync(cancellationToken) is { } line)
            {
                lineNo++;
                if (PaperLine.Parse(line, out var why) is { } record)
                {
                    batch.Add(record);
                }
                else if (why is { Length: > 0 })
                {
                    tally.BadLine();
                    Log.ImportLineSkipped(logger, lineNo, why);
                }

                if (batch.Count >= batchSize)
                {
                    tally.BytesRead = file.Position;
                    await writer.WriteAsync(batch, cancellationToken);
                    batch = new List<PaperRecord>(batchSize);
                }
            }

            if (batch.Count > 0)
            {
                await writer.WriteAsync(batch, cancellationToken);
            }

            tally.BytesRead = file.Length;
            if (expectedLength is { } expected && decompressed is not null && (kind == FileKind.Gzip ? (uint)decompressed.Count : decompressed.Count) != expected)
            {
                throw new InvalidDataException(kind == FileKind.Gzip ? "the gzip data ends early" : "the zip entry ends early");
            }

            writer.Complete();
        }
        catch (Exception ex)
        {
            // A truncated .gz or unreadable file: what was read is stored, the rest is reported.
            writer.Complete(ex is InvalidDataException or EndOfStreamException ? new InvalidDataException($"the file is truncated or corrupt ({ex.Message})", ex) : ex);
        }
    }

    /// <summary>
    /// The bulk load's end step (search index, indexes, author counts): it can take minutes after the last record, so each
    /// part is shown as a step of its own. Reports come on the caller's thread, in order (<see cref="Progress{T}"/> would post
    /// them to the thread pool).
    /// </summary>
    private sealed class StepProgress(IProgressReporter reporter) : IProgress<BulkLoadProgress>, IDisposable
    {
        private string? _step;
        private IProgressTracker? _tracker;

        public void Report(BulkLoadProgress value)
        {
            if (value.Step != _step)
            {
                // The loader moves on only once a step is done.
                _tracker?.Report(0, 1);
                _tracker?.Dispose();
                _step = value.Step;
                _tracker = reporter.Start("finishing: " + value.Step, unit: null);
            }

            _tracker!.Report(0, Math.Clamp(value.Fraction, 0, 1));
        }

        public void Dispose() => _tracker?.Dispose();
    }
}
