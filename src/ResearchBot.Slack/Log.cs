using Microsoft.Extensions.Logging;

namespace ResearchBot.Slack;

/// <summary>Slack log events, EventIds 4000–4999. Tokens and payloads are never logged; Slack's error codes are.</summary>
internal static partial class Log
{
    [LoggerMessage(4000, LogLevel.Information, "Slack starting in {Mode} mode", EventName = "SlackStarting")]
    public static partial void Starting(ILogger logger, string mode);

    [LoggerMessage(4001, LogLevel.Information, "Slack auth.test: bot {User} ({UserId}) in workspace {Team} ({TeamId})", EventName = "SlackAuthOk")]
    public static partial void AuthOk(ILogger logger, string user, string userId, string team, string teamId);

    [LoggerMessage(4002, LogLevel.Warning, "Slack auth.test could not reach Slack ({Reason}); retrying in {DelaySeconds:0.#} s", EventName = "SlackAuthUnreachable")]
    public static partial void AuthUnreachable(ILogger logger, string reason, double delaySeconds);

    [LoggerMessage(4003, LogLevel.Critical, "Slack platform stopped: {Reason} ({Explanation}). Other platforms keep running.", EventName = "SlackPlatformStopped")]
    public static partial void PlatformStopped(ILogger logger, string reason, string explanation);

    [LoggerMessage(4004, LogLevel.Critical, "Slack platform failed unexpectedly; other platforms keep running", EventName = "SlackPlatformFailed")]
    public static partial void PlatformFailed(ILogger logger, Exception exception);

    [LoggerMessage(4010, LogLevel.Information, "Slack socket #{Connection} hello ({NumConnections} connections open)", EventName = "SlackSocketHello")]
    public static partial void SocketHello(ILogger logger, int connection, int numConnections);

    [LoggerMessage(4011, LogLevel.Information, "Slack socket #{Connection}: disconnect warning; opening a replacement", EventName = "SlackSocketWarning")]
    public static partial void SocketDisconnectWarning(ILogger logger, int connection);

    [LoggerMessage(4012, LogLevel.Information, "Slack socket #{Connection}: refresh requested; reconnecting", EventName = "SlackSocketRefresh")]
    public static partial void SocketRefreshRequested(ILogger logger, int connection);

    [LoggerMessage(4013, LogLevel.Warning, "Slack socket #{Connection}: disconnect with unknown reason {Reason}; reconnecting with back-off", EventName = "SlackSocketUnknownDisconnect")]
    public static partial void SocketUnknownDisconnect(ILogger logger, int connection, string reason);

    [LoggerMessage(4014, LogLevel.Warning, "Slack socket dropped; reconnecting in {DelayMs:0} ms (failure {Failures})", EventName = "SlackSocketDropped")]
    public static partial void SocketDropped(ILogger logger, double delayMs, int failures);

    [LoggerMessage(4015, LogLevel.Warning, "Slack socket connect failed ({Reason}); retrying in {DelayMs:0} ms (failure {Failures})", EventName = "SlackSocketConnectFailed")]
    public static partial void SocketConnectFailed(ILogger logger, string reason, double delayMs, int failures);

    [LoggerMessage(4016, LogLevel.Debug, "Slack socket #{Connection}: skipped frame: {Reason}", EventName = "SlackFrameSkipped")]
    public static partial void FrameSkipped(ILogger logger, int connection, string reason);

    [LoggerMessage(4020, LogLevel.Information, "Slack envelope {EnvelopeId} re-sent (socket #{Connection}); acked again, not handled twice", EventName = "SlackEnvelopeDuplicate")]
    public static partial void EnvelopeDuplicate(ILogger logger, string envelopeId, int connection);

    [LoggerMessage(4021, LogLevel.Debug, "Slack envelope {EnvelopeId} of type {Type} acked and ignored", EventName = "SlackEnvelopeSkipped")]
    public static partial void EnvelopeSkipped(ILogger logger, string type, string envelopeId);

    [LoggerMessage(4022, LogLevel.Error, "Slack envelope {EnvelopeId} failed; acked anyway", EventName = "SlackEnvelopeFailed")]
    public static partial void EnvelopeFailed(ILogger logger, Exception exception, string envelopeId);

    [LoggerMessage(4023, LogLevel.Warning, "Slack ack for {EnvelopeId} on socket #{Connection} failed ({Reason}); Slack will re-send", EventName = "SlackAckFailed")]
    public static partial void AckFailed(ILogger logger, string envelopeId, int connection, string reason);

    [LoggerMessage(4070, LogLevel.Information, "Message shortcut {CallbackId} answered privately: no paper reference in the message, or not ours ({CorrelationId})", EventName = "SlackShortcutSkipped")]
    public static partial void ShortcutSkipped(ILogger logger, string callbackId, string correlationId);

    [LoggerMessage(4024, LogLevel.Warning, "Slack payload skipped: {Reason}", EventName = "SlackPayloadSkipped")]
    public static partial void PayloadSkipped(ILogger logger, string reason);

    [LoggerMessage(4030, LogLevel.Debug, "Slack /{Command} answered in the ack ({CorrelationId})", EventName = "SlackAnsweredInline")]
    public static partial void AnsweredInline(ILogger logger, string command, string correlationId);

    [LoggerMessage(4031, LogLevel.Debug, "Slack /{Command} acked; answer follows via response_url ({CorrelationId})", EventName = "SlackAnswerDeferred")]
    public static partial void AnswerDeferred(ILogger logger, string command, string correlationId);

    [LoggerMessage(4032, LogLevel.Information, "Slack response_url spent ({Reason}); falling back to chat.postMessage ({CorrelationId})", EventName = "SlackResponseUrlSpent")]
    public static partial void ResponseUrlSpent(ILogger logger, string reason, string correlationId);

    [LoggerMessage(4033, LogLevel.Warning, "Slack follow-up via {Target} failed: {Reason} ({CorrelationId})", EventName = "SlackFollowUpFailed")]
    public static partial void FollowUpFailed(ILogger logger, string target, string reason, string correlationId);

    [LoggerMessage(4035, LogLevel.Debug, "Slack shared {FileName} ({Bytes} bytes) in the channel ({CorrelationId})", EventName = "SlackFileShared")]
    public static partial void FileShared(ILogger logger, string fileName, int bytes, string correlationId);

    [LoggerMessage(4036, LogLevel.Warning, "Slack file {FileName} not shared: {Reason} ({CorrelationId})", EventName = "SlackFileShareFailed")]
    public static partial void FileShareFailed(ILogger logger, string fileName, string reason, string correlationId);

    [LoggerMessage(4037, LogLevel.Warning, "Slack refused file uploads ({Error}): add the files:write bot scope and reinstall the app to get charts; answers go out without them until restart", EventName = "SlackFilesScopeMissing")]
    public static partial void FilesScopeMissing(ILogger logger, string error);

    [LoggerMessage(4034, LogLevel.Warning, "Slack private answer dropped: response_url unusable and private answers are never posted to the channel ({CorrelationId})", EventName = "SlackFollowUpDropped")]
    public static partial void FollowUpDropped(ILogger logger, string correlationId);

    [LoggerMessage(4040, LogLevel.Warning, "Slack request refused with 401: signature check {Check}", EventName = "SlackSignatureRejected")]
    public static partial void SignatureRejected(ILogger logger, string check);

    [LoggerMessage(4041, LogLevel.Information, "Slack slash-command endpoint listening on {Url}", EventName = "SlackHttpListening")]
    public static partial void HttpListening(ILogger logger, string url);

    [LoggerMessage(4050, LogLevel.Warning, "Slack {Method} rate-limited; waiting {RetryAfterSeconds:0.#} s (Retry-After)", EventName = "SlackRateLimited")]
    public static partial void WebApiRateLimited(ILogger logger, string method, double retryAfterSeconds);

    [LoggerMessage(4051, LogLevel.Warning, "Slack {Method} rate-limited for {RetryAfterSeconds:0.#} s, beyond Slack:RateLimitBudget; giving up", EventName = "SlackRateLimitGaveUp")]
    public static partial void WebApiRateLimitGaveUp(ILogger logger, string method, double retryAfterSeconds);

    [LoggerMessage(4052, LogLevel.Warning, "Slack {Method} answered ok:false with {Error}", EventName = "SlackApiError")]
    public static partial void WebApiError(ILogger logger, string method, string error);

    [LoggerMessage(4053, LogLevel.Information, "Slack {Method} warning: {Warning}", EventName = "SlackApiWarning")]
    public static partial void WebApiWarning(ILogger logger, string method, string warning);

    [LoggerMessage(4054, LogLevel.Warning, "Slack {Method} failed ({Reason}); retrying (idempotent)", EventName = "SlackApiRetrying")]
    public static partial void WebApiRetrying(ILogger logger, string method, string reason);

    [LoggerMessage(4060, LogLevel.Warning, "Slack channel {Channel} cannot receive posts ({Error}); its subscriptions should be disabled", EventName = "SlackChannelGone")]
    public static partial void ChannelGone(ILogger logger, string channel, string error);

    [LoggerMessage(4090, LogLevel.Information, "Slack event {EventId} delivered again (retry {Retry}, {RetryReason}); acked, not handled twice", EventName = "SlackEventDuplicate")]
    public static partial void EventDuplicate(ILogger logger, string eventId, int retry, string retryReason);

    [LoggerMessage(4091, LogLevel.Debug, "Slack event {EventId} of type {Type} acked and skipped: {Reason}", EventName = "SlackEventSkipped")]
    public static partial void EventSkipped(ILogger logger, string type, string eventId, string reason);

    [LoggerMessage(4092, LogLevel.Information, "Slack link on {Host} not unfurled: {Reason} (event {EventId})", EventName = "SlackLinkNotUnfurled")]
    public static partial void LinkNotUnfurled(ILogger logger, string host, string reason, string eventId);

    [LoggerMessage(4093, LogLevel.Debug, "Slack unfurled {Count} link(s) (event {EventId})", EventName = "SlackLinksUnfurled")]
    public static partial void LinksUnfurled(ILogger logger, int count, string eventId);

    [LoggerMessage(4094, LogLevel.Information, "Slack Events API url_verification answered", EventName = "SlackUrlVerified")]
    public static partial void UrlVerified(ILogger logger);
}
