namespace ResearchBot.Slack.SlashCommands;

/// <summary>The response_url can take no more posts (5 uses or 30 minutes, or Slack said expired_url/used_url).</summary>
public sealed class ResponseUrlExpiredException : Exception
{
    public ResponseUrlExpiredException()
    {
    }

    public ResponseUrlExpiredException(string message)
        : base(message)
    {
    }

    public ResponseUrlExpiredException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
