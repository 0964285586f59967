namespace ResearchBot.Hosting;

/// <summary>Settings files that could not be read (broken JSON), left out of the configuration; one line each.</summary>
internal sealed record UnreadableConfigurationFiles(IReadOnlyList<string> Problems);
