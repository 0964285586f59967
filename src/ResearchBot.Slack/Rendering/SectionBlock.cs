namespace ResearchBot.Slack.Rendering;

/// <summary>Text (≤ 3000 characters) and/or up to 10 fields (≤ 2000 each).</summary>
public sealed record SectionBlock : SlackBlock
{
    public SlackText? Text { get; init; }
    public IReadOnlyList<SlackText>? Fields { get; init; }
}
