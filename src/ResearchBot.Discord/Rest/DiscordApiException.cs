namespace ResearchBot.Discord.Rest;

/// <summary>Discord refused a request or it failed in transit. Carries Discord's JSON error code when there is one.</summary>
public sealed class DiscordApiException : Exception
{
    public DiscordApiException(string message, int status, int? code = null, TimeSpan? retryAfter = null, bool timedOut = false, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        Code = code;
        RetryAfter = retryAfter;
        TimedOut = timedOut;
    }

    public DiscordApiException()
        : this("Discord request failed", 0)
    {
    }

    public DiscordApiException(string message)
        : this(message, 0)
    {
    }

    public DiscordApiException(string message, Exception inner)
        : this(message, 0, inner: inner)
    {
    }

    /// <summary>HTTP status, or 0 when no response arrived.</summary>
    public int Status { get; }

    /// <summary>Discord's JSON error code (10003 unknown channel, 50001 missing access, 50013 missing permissions …).</summary>
    public int? Code { get; }

    public TimeSpan? RetryAfter { get; }

    /// <summary>No response before the timeout: the request may or may not have been applied.</summary>
    public bool TimedOut { get; }
}
