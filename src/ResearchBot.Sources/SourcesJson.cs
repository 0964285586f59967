using System.Text.Json;

namespace ResearchBot.Sources;

internal static class SourcesJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
}
