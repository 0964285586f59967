using System.Text.Json;

namespace ResearchBot.Sources.Tests.Support;

/// <summary>Recorded responses copied from shared/fixtures into Fixtures/.</summary>
internal static class Fixture
{
    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    /// <summary>The body and status of an arxiv.py golden file (<c>{url, status_code, body}</c>).</summary>
    public static (int Status, string Body) Recorded(string name)
    {
        using var doc = JsonDocument.Parse(Text(name));
        return (doc.RootElement.GetProperty("status_code").GetInt32(), doc.RootElement.GetProperty("body").GetString()!);
    }
}
