using System.Text.Json;

namespace ResearchBot.Discord.Tests.Fakes;

public static class Fixture
{
    public static JsonElement Load(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name)));
        return doc.RootElement.Clone();
    }

    public static string RepoRoot() => ResearchBot.TestKit.Repository.Root();
}
