using ResearchBot.Slack.Rendering;

namespace ResearchBot.Slack.WebApi;

/// <summary>The body of <c>chat.postMessage</c> (JSON). Checked against @slack/web-api's <c>ChatPostMessageArguments</c>.</summary>
public sealed record ChatPostMessageRequest(string Channel, string Text)
{
    public IReadOnlyList<SlackBlock>? Blocks { get; init; }
    public bool UnfurlLinks { get; init; }
    public bool UnfurlMedia { get; init; }
    public string? ThreadTs { get; init; }

    /// <summary>Never let Slack turn plain "@channel" or names into mentions.</summary>
    public bool LinkNames { get; init; }

    public string Parse { get; init; } = "none";

    public static ChatPostMessageRequest From(string channel, SlackMessage message) => new(channel, message.Text)
    {
        Blocks = message.Blocks,
        UnfurlLinks = message.UnfurlLinks,
        UnfurlMedia = message.UnfurlMedia,
    };
}
