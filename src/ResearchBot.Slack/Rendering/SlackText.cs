namespace ResearchBot.Slack.Rendering;

/// <summary>A Block Kit text object. <c>mrkdwn</c> texts are rendered verbatim (no automatic mention parsing).</summary>
public sealed record SlackText(string Type, string Text)
{
    /// <summary>plain_text only.</summary>
    public bool? Emoji { get; init; }

    /// <summary>mrkdwn only: true stops Slack from auto-parsing names, channels and mentions in the text.</summary>
    public bool? Verbatim { get; init; }

    public static SlackText Plain(string text) => new("plain_text", text) { Emoji = true };

    public static SlackText Mrkdwn(string text) => new("mrkdwn", text) { Verbatim = true };
}
