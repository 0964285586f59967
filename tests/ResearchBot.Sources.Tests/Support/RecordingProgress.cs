using ResearchBot.Core.Progress;

namespace ResearchBot.Sources.Tests.Support;

/// <summary>An <see cref="IProgressReporter"/> that keeps every step and report, to check what long work says about itself.</summary>
internal sealed class RecordingProgress : IProgressReporter
{
    public List<Step> Steps { get; } = [];

    public IProgressTracker Start(string title, string? unit)
    {
        var step = new Step(title, unit);
        Steps.Add(step);
        return step;
    }

    internal sealed class Step(string title, string? unit) : IProgressTracker
    {
        public string Title => title;

        public string? Unit => unit;

        public List<(long Count, double? Fraction, string? Note)> Reports { get; } = [];

        public bool Ended { get; private set; }

        public void Report(long count, double? fraction = null, string? note = null) => Reports.Add((count, fraction, note));

        public void Dispose() => Ended = true;
    }
}
