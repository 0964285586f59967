namespace ResearchBot.Slack;

/// <summary>How Slack delivers slash commands to the bot.</summary>
public enum SlackMode
{
    /// <summary>Outbound WebSocket (apps.connections.open); no public URL needed. Needs <c>Slack:AppToken</c>.</summary>
    Socket,

    /// <summary>Slack POSTs to our <c>/slack/commands</c> endpoint. Needs <c>Slack:SigningSecret</c> and a public URL.</summary>
    Http,
}
