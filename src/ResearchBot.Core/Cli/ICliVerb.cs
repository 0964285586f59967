namespace ResearchBot.Core.Cli;

/// <summary>
/// A one-shot command-line verb of the <c>researchbot</c> executable (<c>ask</c>, <c>import</c>, <c>deliver</c>, …).
/// Verbs are DI services: the executable builds the host, migrates storage, then runs the verb named on the command line.
/// </summary>
public interface ICliVerb
{
    /// <summary>The verb as typed, lowercase.</summary>
    string Name { get; }

    /// <summary>One line for the usage listing.</summary>
    string Summary { get; }

    /// <summary>Usage line, e.g. <c>researchbot import FILE [--batch N]</c>.</summary>
    string Usage { get; }

    /// <summary>Runs the verb; returns the process exit code (0 success, 2 usage error, 1 failure).</summary>
    Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken);
}
