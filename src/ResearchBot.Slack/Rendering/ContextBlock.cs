namespace ResearchBot.Slack.Rendering;

/// <summary>Small grey text, at most 10 elements.</summary>
public sealed record ContextBlock(IReadOnlyList<SlackText> Elements) : SlackBlock;
