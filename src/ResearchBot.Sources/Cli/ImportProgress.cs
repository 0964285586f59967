using System.Globalization;

namespace ResearchBot.Sources.Cli;

/// <summary>The import's progress line on stderr: records, rate, ETA (from bytes read), redrawn at most once a second.</summary>
internal sealed class ImportProgress(TextWriter error, TimeProvider timeProvider)
{
    private readonly long _started = timeProvider.GetTimestamp();
    private long _lastDrawn;
    private long _finishingStarted;
    private string? _finishingStep;
    private int _width = 80;
    private int _added, _merged, _skipped, _bad;

    public long Records { get; private set; }

    public long TotalBytes { get; set; }

    public long BytesRead { get; set; }

    public void BadLine() => Interlocked.Increment(ref _bad);

    public void Stored(int records, int added, int merged, int skipped)
    {
        Records += records;
        _added += added;
        _merged += merged;
        _skipped += skipped;
        var now = timeProvider.GetTimestamp();
        if (timeProvider.GetElapsedTime(_lastDrawn, now) >= TimeSpan.FromSeconds(1))
        {
            _lastDrawn = now;
            var line = Line();
            _width = Math.Max(_width, line.Length);
            error.Write("\r" + line);
            error.Flush();
        }
    }

    /// <summary>Draws the bulk load's end step (search index, indexes, counts): it can take minutes after the last record.</summary>
    public void Finishing(ResearchBot.Core.Ingestion.BulkLoadProgress step)
    {
        var now = timeProvider.GetTimestamp();
        if (step.Fraction is > 0 and < 1 && step.Step == _finishingStep && timeProvider.GetElapsedTime(_lastDrawn, now) < TimeSpan.FromSeconds(1))
        {
            return;
        }

        if (_finishingStep is null)
        {
            _finishingStarted = now;
            error.WriteLine("\r" + Line());
        }

        _finishingStep = step.Step;
        _lastDrawn = now;
        var fraction = Math.Clamp(step.Fraction, 0, 1);
        var bar = new string('#', (int)(fraction * 20)).PadRight(20, '.');
        var elapsed = timeProvider.GetElapsedTime(_finishingStarted, now);
        var line = string.Create(CultureInfo.InvariantCulture, $"[{bar}] {fraction * 100,5:0.0}% finishing: {step.Step,-14} {elapsed:mm\\:ss} elapsed");
        error.Write("\r" + line.PadRight(_width)); // over the longer record line
        error.Flush();
    }

    public void Finish()
    {
        if (_finishingStep is not null)
        {
            error.WriteLine();
            error.Flush();
            return;
        }

        error.WriteLine("\r" + Line());
        error.Flush();
    }

    public string SummaryLine() => string.Create(CultureInfo.InvariantCulture,
        $"Imported {Records:N0} records in {Elapsed.TotalSeconds:0.0} s ({Rate:N0}/s): {_added:N0} new, {_merged:N0} merged, {_skipped + _bad:N0} skipped.");

    private TimeSpan Elapsed => timeProvider.GetElapsedTime(_started);

    private double Rate => Records / Math.Max(0.001, Elapsed.TotalSeconds);

    private string Line()
    {
        var fraction = TotalBytes > 0 ? Math.Clamp((double)BytesRead / TotalBytes, 0, 1) : 0;
        var eta = fraction > 0.001 ? TimeSpan.FromSeconds(Elapsed.TotalSeconds * (1 - fraction) / fraction) : (TimeSpan?)null;
        var bar = new string('#', (int)(fraction * 20)).PadRight(20, '.');
        return string.Create(CultureInfo.InvariantCulture,
            $"[{bar}] {fraction * 100,5:0.0}% {Records,12:N0} records  {Rate,8:N0}/s  ETA {(eta is { } e ? e.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : "--:--:--")}  skipped {_skipped + _bad:N0}");
    }
}
