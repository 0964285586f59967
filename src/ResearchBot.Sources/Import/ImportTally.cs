using System.Globalization;

namespace ResearchBot.Sources.Import;

/// <summary>The import's running counts: what its progress shows and its summary line says.</summary>
internal sealed class ImportTally(TimeProvider timeProvider)
{
    private readonly long _started = timeProvider.GetTimestamp();
    private int _added, _merged, _skipped, _bad;
    private long _bytesRead;

    public long Records { get; private set; }

    public long TotalBytes { get; set; }

    /// <summary>Bytes of the file read so far: set by the reading thread, read by the writing one.</summary>
    public long BytesRead
    {
        get => Interlocked.Read(ref _bytesRead);
        set => Interlocked.Exchange(ref _bytesRead, value);
    }

    public double Fraction => TotalBytes > 0 ? Math.Clamp((double)BytesRead / TotalBytes, 0, 1) : 0;

    public int Skipped => _skipped + Volatile.Read(ref _bad);

    public void BadLine() => Interlocked.Increment(ref _bad);

    public void Stored(int records, int added, int merged, int skipped)
    {
        Records += records;
        _added += added;
        _merged += merged;
        _skipped += skipped;
    }

    public string SkippedNote() => string.Create(CultureInfo.InvariantCulture, $"skipped {Skipped:N0}");

    public string SummaryLine()
    {
        var elapsed = timeProvider.GetElapsedTime(_started);
        var rate = Records / Math.Max(0.001, elapsed.TotalSeconds);
        return string.Create(CultureInfo.InvariantCulture,
            $"Imported {Records:N0} records in {elapsed.TotalSeconds:0.0} s ({rate:N0}/s): {_added:N0} new, {_merged:N0} merged, {Skipped:N0} skipped.");
    }
}
