using Microsoft.Extensions.Logging;

namespace ResearchBot.Alerts;

/// <summary>Alert delivery log events, EventIds 8000–8999.</summary>
internal static partial class Log
{
    [LoggerMessage(8000, LogLevel.Information, "Posted {Alerts} alert(s) to {Channel} (message {MessageKey})", EventName = "AlertsSent")]
    public static partial void AlertsSent(ILogger logger, int alerts, string channel, string messageKey);

    [LoggerMessage(8001, LogLevel.Warning, "Posting to {Channel} failed ({Code}); attempt {Attempt}, retrying at {NextAttempt:O}", EventName = "AlertRetry")]
    public static partial void AlertRetry(ILogger logger, string channel, string code, int attempt, DateTimeOffset nextAttempt);

    [LoggerMessage(8002, LogLevel.Error, "Posting to {Channel} failed {Attempts} times ({Code}); {Alerts} alert(s) given up", EventName = "AlertGaveUp")]
    public static partial void AlertGaveUp(ILogger logger, string channel, int attempts, string code, int alerts);

    [LoggerMessage(8003, LogLevel.Warning, "Channel {Channel} refused alerts permanently ({Code}): disabled its {Subscriptions} subscription(s)", EventName = "ChannelDisabled")]
    public static partial void ChannelDisabled(ILogger logger, string channel, string code, int subscriptions);

    [LoggerMessage(8004, LogLevel.Warning, "Message {MessageKey} to {Channel} ({Alerts} alert(s)) may have been posted before an interruption; not repeated (at most once)", EventName = "AlertUncertain")]
    public static partial void AlertUncertain(ILogger logger, string messageKey, string channel, int alerts);

    [LoggerMessage(8005, LogLevel.Information, "Message {MessageKey} to {Channel} was interrupted; re-sending under the same key", EventName = "AlertResend")]
    public static partial void AlertResend(ILogger logger, string messageKey, string channel);

    [LoggerMessage(8006, LogLevel.Debug, "{Alerts} alert(s) wait for platform {Platform}, which has no publisher in this process", EventName = "AlertNoPublisher")]
    public static partial void AlertNoPublisher(ILogger logger, int alerts, string platform);

    [LoggerMessage(8007, LogLevel.Error, "Alert delivery pass failed; will try again", EventName = "DeliveryPassFailed")]
    public static partial void DeliveryPassFailed(ILogger logger, Exception exception);

    [LoggerMessage(8008, LogLevel.Warning, "Could not tell {Channel} that its alerts were disabled", EventName = "DisableNoticeFailed")]
    public static partial void DisableNoticeFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(8009, LogLevel.Information, "A vote on alert {AlertId} from {Channel} was refused: not an alert of that channel", EventName = "VoteRefused")]
    public static partial void VoteRefused(ILogger logger, long alertId, string channel);

    [LoggerMessage(8010, LogLevel.Information, "like: alert {SubscriptionId} refitted after a vote; threshold {Threshold}", EventName = "ModelRefitted")]
    public static partial void ModelRefitted(ILogger logger, long subscriptionId, string threshold);

    [LoggerMessage(8011, LogLevel.Warning, "Could not refit like: alert {SubscriptionId} after a vote; the vote is kept", EventName = "RefitFailed")]
    public static partial void RefitFailed(ILogger logger, Exception exception, long subscriptionId);
}
