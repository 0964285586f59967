namespace ResearchBot.Slack.SocketMode;

/// <summary>Why a Socket Mode connection ended.</summary>
public enum SessionEnd
{
    /// <summary><c>disconnect</c> with <c>refresh_requested</c>: reconnect at once.</summary>
    RefreshRequested,

    /// <summary><c>disconnect</c> with <c>link_disabled</c>: Socket Mode was turned off for the app; stop.</summary>
    LinkDisabled,

    /// <summary>The socket closed or failed without a disconnect message (or with an unknown reason): back off.</summary>
    Dropped,

    /// <summary>We closed it (replacement ready, or shutting down).</summary>
    ClosedByUs,
}
