namespace ResearchBot.Slack.WebApi;

/// <summary>The fields of <c>auth.test</c> we use: who the bot is and in which workspace.</summary>
public sealed record AuthTestResponse(string? Url, string? Team, string? User, string? TeamId, string? UserId, string? BotId, string? AppId);
