namespace ResearchBot.Core.Health;

/// <summary>
/// Something that must report ready before the bot is: a configured platform (<c>discord</c>, <c>slack</c>) or the
/// similarity index (<c>index</c>). Registered by the area that adds it, so an unconfigured platform is never awaited.
/// </summary>
public sealed record ReadinessComponent(string Name);
