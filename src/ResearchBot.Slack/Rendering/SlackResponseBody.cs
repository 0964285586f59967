namespace ResearchBot.Slack.Rendering;

/// <summary>A slash-command answer: in the HTTP 200 body, in a Socket Mode ack payload, or POSTed to response_url.</summary>
public sealed record SlackResponseBody(string Text, IReadOnlyList<SlackBlock> Blocks, string ResponseType)
{
    public bool? ReplaceOriginal { get; init; }

    public static SlackResponseBody From(SlackMessage message) =>
        new(message.Text, message.Blocks, message.Ephemeral ? "ephemeral" : "in_channel");
}
