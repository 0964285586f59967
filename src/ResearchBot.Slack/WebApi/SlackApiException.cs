namespace ResearchBot.Slack.WebApi;

/// <summary>Slack answered <c>ok:false</c> (or refused a response_url post); <see cref="Error"/> is Slack's error code.</summary>
public class SlackApiException : Exception
{
    public SlackApiException(string method, string error)
        : base($"Slack {method} failed: {error}")
    {
        Method = method;
        Error = error;
    }

    public SlackApiException()
        : this("unknown", "unknown")
    {
    }

    public SlackApiException(string message)
        : this("unknown", message)
    {
    }

    public SlackApiException(string message, Exception inner)
        : base(message, inner)
    {
        Method = "unknown";
        Error = "unknown";
    }

    /// <summary>The Web API method, e.g. <c>chat.postMessage</c>.</summary>
    public string Method { get; }

    /// <summary>Slack's error code, e.g. <c>channel_not_found</c>.</summary>
    public string Error { get; }

    /// <summary>Errors after which the credentials are unusable: the Slack platform stops (the host keeps running).</summary>
    public bool IsFatalAuth => SlackErrors.IsFatalAuth(Error);
}
