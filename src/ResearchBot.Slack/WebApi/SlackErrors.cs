namespace ResearchBot.Slack.WebApi;

/// <summary>Slack error codes the adapter treats specially.</summary>
public static class SlackErrors
{
    /// <summary>The token or app link is unusable; retrying cannot help (SDOCS, and what @slack/socket-mode gives up on).</summary>
    public static bool IsFatalAuth(string error) => error is "invalid_auth" or "not_authed" or "account_inactive" or "token_revoked"
        or "token_expired" or "user_removed_from_team" or "team_disabled" or "link_disabled" or "not_allowed_token_type";

    /// <summary>The channel cannot receive our posts until someone acts (invite, unarchive): disable its alerts.</summary>
    public static bool IsChannelGone(string error) => error is "channel_not_found" or "not_in_channel" or "is_archived";
}
