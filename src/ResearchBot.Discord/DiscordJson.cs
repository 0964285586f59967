using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResearchBot.Discord;

/// <summary>Serializer settings for Discord's wire format: snake_case, nulls left out.</summary>
internal static class DiscordJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
