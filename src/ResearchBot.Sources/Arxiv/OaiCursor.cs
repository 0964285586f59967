using System.Text.Json;

namespace ResearchBot.Sources.Arxiv;

/// <summary>
/// Where an OAI-PMH harvest stands: <see cref="From"/> is the date the last complete pass started (the next
/// pass asks for records changed since then); <see cref="Set"/>/<see cref="Token"/> mark a pass in progress.
/// Resumption tokens expire daily, so a token from another day is dropped and that set restarts.
/// </summary>
internal sealed record OaiCursor(DateOnly? From, DateOnly? PassStarted, string? Set, string? Token, DateOnly? TokenDay)
{
    public string Serialize() => JsonSerializer.Serialize(this, SourcesJson.Options);

    public static OaiCursor Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new OaiCursor(null, null, null, null, null);
        }

        try
        {
            return JsonSerializer.Deserialize<OaiCursor>(text, SourcesJson.Options) ?? new OaiCursor(null, null, null, null, null);
        }
        catch (JsonException)
        {
            return new OaiCursor(null, null, null, null, null);
        }
    }
}
