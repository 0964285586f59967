namespace ResearchBot.Slack.Rendering;

public sealed record DividerBlock : SlackBlock;
