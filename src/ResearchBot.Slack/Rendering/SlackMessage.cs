namespace ResearchBot.Slack.Rendering;

/// <summary>A rendered reply: Block Kit blocks plus the plain <c>text</c> fallback used by notifications.</summary>
public sealed record SlackMessage(string Text, IReadOnlyList<SlackBlock> Blocks)
{
    /// <summary>Shown only to the person who ran the command.</summary>
    public bool Ephemeral { get; init; }
    public bool UnfurlLinks { get; init; }
    public bool UnfurlMedia { get; init; }
}
