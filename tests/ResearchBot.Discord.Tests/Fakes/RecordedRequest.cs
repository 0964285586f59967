using System.Text.Json;

namespace ResearchBot.Discord.Tests.Fakes;

public sealed record RecordedRequest(string Method, string Path, string? Authorization, string? UserAgent, string? ContentType, byte[] Body, DateTimeOffset At)
{
    public JsonElement Json
    {
        get
        {
            using var doc = JsonDocument.Parse(Body);
            return doc.RootElement.Clone();
        }
    }
}

/// <summary>What the fake REST server answers.</summary>
public sealed record FakeResponse(int Status, string? Json = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static FakeResponse NoContent { get; } = new(204);

    public static FakeResponse RateLimited(double retryAfter, bool global = false) => new(429,
        $$"""{"message":"You are being rate limited.","retry_after":{{retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"global":{{(global ? "true" : "false")}}}""",
        new Dictionary<string, string>
        {
            ["Retry-After"] = Math.Ceiling(retryAfter).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["X-RateLimit-Scope"] = global ? "global" : "user",
            ["X-RateLimit-Global"] = global ? "true" : "false",
        });
}
