namespace ResearchBot.Core.Progress;

/// <summary>
/// Where long work (an import, a harvest pass, an evaluation) reports how far it has got. The executable decides how
/// that is shown (a bar on a terminal, plain periodic lines otherwise); anywhere else it is <see cref="ProgressReporter.None"/>.
/// </summary>
public interface IProgressReporter
{
    /// <summary>Starts showing one step of work; disposing the returned tracker ends the step and shows its last state.</summary>
    /// <param name="title">What is being done, e.g. <c>import</c> or <c>finishing: search index</c>.</param>
    /// <param name="unit">What <see cref="IProgressTracker.Report"/> counts (<c>records</c>), for the rate; null to show no count.</param>
    IProgressTracker Start(string title, string? unit);
}
