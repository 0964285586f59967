using ResearchBot.Core.Progress;

namespace ResearchBot.Progress;

/// <summary>
/// Progress for a log file or a pipe: one plain line (never a <c>\r</c> or an escape code) at most every
/// <paramref name="interval"/> while a step runs, and one when it ends.
/// </summary>
internal sealed class LineProgressReporter(TextWriter writer, TimeProvider timeProvider, TimeSpan interval) : IProgressReporter
{
    private readonly TimeProvider _time = timeProvider;
    private readonly TimeSpan _interval = interval;

    /// <summary>How often a running step writes a line by default.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(5);

    public IProgressTracker Start(string title, string? unit) => new Tracker(this, title, unit);

    private void Write(string line)
    {
        lock (writer)
        {
            writer.WriteLine(line);
            writer.Flush();
        }
    }

    private sealed class Tracker(LineProgressReporter owner, string title, string? unit) : IProgressTracker
    {
        private readonly Lock _lock = new();
        private readonly long _started = owner._time.GetTimestamp();
        private long _lastWritten = owner._time.GetTimestamp();
        private long _count;
        private double? _fraction;
        private string? _note;
        private bool _ended;

        public void Report(long count, double? fraction = null, string? note = null)
        {
            lock (_lock)
            {
                if (_ended)
                {
                    return;
                }

                (_count, _fraction, _note) = (count, fraction, note);
                var now = owner._time.GetTimestamp();
                if (owner._time.GetElapsedTime(_lastWritten, now) < owner._interval)
                {
                    return;
                }

                _lastWritten = now;
                owner.Write(Line(owner._time.GetElapsedTime(_started, now), eta: true));
            }
        }

        public void Dispose()
        {
            lock (_lock)
            {
                if (_ended)
                {
                    return;
                }

                _ended = true;
                var elapsed = owner._time.GetElapsedTime(_started);
                owner.Write(Line(elapsed, eta: false) + "  " + ProgressText.Clock(elapsed) + " elapsed");
            }
        }

        private string Line(TimeSpan elapsed, bool eta)
        {
            var figures = ProgressText.Figures(elapsed, _count, unit, _fraction, _note, eta);
            var percent = _fraction is { } f ? ProgressText.Percent(f) + "  " : "";
            return $"{title}: {percent}{figures}".TrimEnd();
        }
    }
}
