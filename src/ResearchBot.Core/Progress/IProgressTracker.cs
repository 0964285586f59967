namespace ResearchBot.Core.Progress;

/// <summary>One step of long work, started by <see cref="IProgressReporter.Start"/>. Reports may come from any one thread at a time.</summary>
public interface IProgressTracker : IDisposable
{
    /// <summary>Where the step is now.</summary>
    /// <param name="count">How many units are done so far (the rate is counted from it).</param>
    /// <param name="fraction">The share done, 0–1, when it is known (for the percentage and the ETA); null when it is not.</param>
    /// <param name="note">A few words to show after the figures (<c>skipped 3</c>), or null.</param>
    void Report(long count, double? fraction = null, string? note = null);
}
