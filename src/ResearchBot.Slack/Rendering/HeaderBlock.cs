namespace ResearchBot.Slack.Rendering;

/// <summary>Large bold plain text, at most 150 characters.</summary>
public sealed record HeaderBlock(SlackText Text) : SlackBlock;
