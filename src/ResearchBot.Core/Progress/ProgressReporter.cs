namespace ResearchBot.Core.Progress;

/// <summary>The reporter that shows nothing: the default wherever no one is watching (tests, benchmarks, the bot's services).</summary>
public sealed class ProgressReporter : IProgressReporter, IProgressTracker
{
    private ProgressReporter()
    {
    }

    /// <summary>Shows nothing.</summary>
    public static ProgressReporter None { get; } = new();

    public IProgressTracker Start(string title, string? unit) => this;

    public void Report(long count, double? fraction = null, string? note = null)
    {
    }

    public void Dispose()
    {
    }
}
