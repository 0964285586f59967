namespace ResearchBot.Core.Messaging;

/// <summary>A platform refused or failed a post.</summary>
/// <remarks>
/// <see cref="Permanent"/> means retrying cannot help (channel gone, bot removed, no permission): the channel's
/// subscriptions should be disabled. <see cref="RetryAfter"/> carries a platform's requested wait, if any.
/// <see cref="MayHaveBeenDelivered"/> is true when the request may have reached the platform (timeout mid-send).
/// </remarks>
public sealed class ChatDeliveryException : Exception
{
    public ChatDeliveryException(string message, string? code = null, bool permanent = false, TimeSpan? retryAfter = null, bool mayHaveBeenDelivered = false, Exception? inner = null)
        : base(message, inner)
    {
        Code = code;
        Permanent = permanent;
        RetryAfter = retryAfter;
        MayHaveBeenDelivered = mayHaveBeenDelivered;
    }

    public ChatDeliveryException()
        : this("Delivery failed")
    {
    }

    public ChatDeliveryException(string message)
        : this(message, code: null)
    {
    }

    public ChatDeliveryException(string message, Exception inner)
        : this(message, null, inner: inner)
    {
    }

    public string? Code { get; }
    public bool Permanent { get; }
    public TimeSpan? RetryAfter { get; }
    public bool MayHaveBeenDelivered { get; }
}
