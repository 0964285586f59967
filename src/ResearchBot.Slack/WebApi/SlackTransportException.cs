namespace ResearchBot.Slack.WebApi;

/// <summary>
/// No usable answer from Slack (timeout, connection error, 5xx). <see cref="MayHaveBeenDelivered"/> is true when the
/// request may have reached Slack, so a non-idempotent call such as chat.postMessage must not be repeated blindly.
/// </summary>
public sealed class SlackTransportException : Exception
{
    public SlackTransportException(string method, string reason, bool mayHaveBeenDelivered, Exception? inner = null)
        : base($"Slack {method} got no usable answer: {reason}", inner)
    {
        Method = method;
        MayHaveBeenDelivered = mayHaveBeenDelivered;
    }

    public SlackTransportException()
        : this("unknown", "unknown", true)
    {
    }

    public SlackTransportException(string message)
        : this("unknown", message, true)
    {
    }

    public SlackTransportException(string message, Exception inner)
        : this("unknown", message, true, inner)
    {
    }

    public string Method { get; }

    public bool MayHaveBeenDelivered { get; }
}
