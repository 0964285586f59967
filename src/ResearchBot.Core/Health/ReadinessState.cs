namespace ResearchBot.Core.Health;

/// <summary>One component's last report: whether it is ready and a short word for people (<c>connected</c>, <c>loading</c>).</summary>
public sealed record ReadinessState(string Component, bool IsReady, string Status);
