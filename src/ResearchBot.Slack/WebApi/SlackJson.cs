using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResearchBot.Slack.WebApi;

/// <summary>Slack's JSON conventions: snake_case, nulls omitted, extra fields tolerated.</summary>
public static class SlackJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
