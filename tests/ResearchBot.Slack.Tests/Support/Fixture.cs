namespace ResearchBot.Slack.Tests.Support;

/// <summary>Recorded payloads copied from shared/fixtures/chat (sources in that folder's README).</summary>
internal static class Fixture
{
    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>The repository root (holds ResearchBot.sln), for the node interop scripts.</summary>
    public static string RepoRoot() => ResearchBot.TestKit.Repository.Root();

    /// <summary>key=value lines of the signing vector file, skipping comments.</summary>
    public static Dictionary<string, string> SigningVector() =>
        Read("slack_docs_signing_vector.txt").Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => !l.StartsWith('#'))
            .Select(l => l.TrimEnd('\r'))
            .ToDictionary(l => l[..l.IndexOf('=', StringComparison.Ordinal)], l => l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);
}
