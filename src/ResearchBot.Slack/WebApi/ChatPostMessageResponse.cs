namespace ResearchBot.Slack.WebApi;

/// <summary>Where the message landed: channel id and message timestamp.</summary>
public sealed record ChatPostMessageResponse(string? Channel, string? Ts);
