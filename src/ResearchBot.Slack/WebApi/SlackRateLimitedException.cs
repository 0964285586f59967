namespace ResearchBot.Slack.WebApi;

/// <summary>HTTP 429 whose <c>Retry-After</c> would exceed the configured wait budget.</summary>
public sealed class SlackRateLimitedException : SlackApiException
{
    public SlackRateLimitedException(string method, TimeSpan retryAfter)
        : base(method, "ratelimited")
    {
        RetryAfter = retryAfter;
    }

    public SlackRateLimitedException()
        : this("unknown", TimeSpan.Zero)
    {
    }

    public SlackRateLimitedException(string message)
        : this(message, TimeSpan.Zero)
    {
    }

    public SlackRateLimitedException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public TimeSpan RetryAfter { get; }
}
