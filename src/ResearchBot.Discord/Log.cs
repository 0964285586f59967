using Microsoft.Extensions.Logging;

namespace ResearchBot.Discord;

/// <summary>Discord log events, EventIds 3000–3999. Tokens are never logged; Discord's error codes are.</summary>
internal static partial class Log
{
    // Gateway 3000–3099
    [LoggerMessage(3000, LogLevel.Information, "Gateway shard {Shard} ready, session {SessionId}", EventName = "GatewayReady")]
    public static partial void GatewayReady(ILogger logger, int shard, string sessionId);

    [LoggerMessage(3001, LogLevel.Information, "Gateway shard {Shard} resumed at sequence {Sequence}", EventName = "GatewayResumed")]
    public static partial void GatewayResumed(ILogger logger, int shard, long sequence);

    [LoggerMessage(3002, LogLevel.Information, "Gateway shard {Shard} resuming from sequence {Sequence}", EventName = "GatewayResuming")]
    public static partial void GatewayResuming(ILogger logger, int shard, long sequence);

    [LoggerMessage(3003, LogLevel.Warning, "Gateway shard {Shard} missed a heartbeat ACK within {IntervalMs} ms: zombie connection, reconnecting", EventName = "GatewayZombie")]
    public static partial void GatewayZombie(ILogger logger, int shard, double intervalMs);

    [LoggerMessage(3004, LogLevel.Information, "Gateway asked shard {Shard} to reconnect (op 7)", EventName = "GatewayReconnectRequested")]
    public static partial void GatewayReconnectRequested(ILogger logger, int shard);

    [LoggerMessage(3005, LogLevel.Warning, "Gateway invalidated shard {Shard}'s session (op 9, resumable: {Resumable})", EventName = "GatewayInvalidSession")]
    public static partial void GatewayInvalidSession(ILogger logger, int shard, bool resumable);

    [LoggerMessage(3006, LogLevel.Warning, "Gateway shard {Shard} connection dropped: {ErrorType}: {Error}", EventName = "GatewayDropped")]
    public static partial void GatewayDropped(ILogger logger, int shard, string errorType, string error);

    [LoggerMessage(3007, LogLevel.Information, "Gateway shard {Shard} closed ({Reason}); reconnecting (resume: {Resume}) in {DelayMs} ms", EventName = "GatewayReconnecting")]
    public static partial void GatewayReconnecting(ILogger logger, int shard, string reason, bool resume, double delayMs);

    [LoggerMessage(3008, LogLevel.Critical, "Gateway shard {Shard} closed with fatal code {Code}: {Reason}. Not reconnecting.", EventName = "GatewayFatal")]
    public static partial void GatewayFatal(ILogger logger, int shard, int code, string reason);

    [LoggerMessage(3009, LogLevel.Information, "Gateway identify budget: {Remaining} of {Total} left, max_concurrency {MaxConcurrency}, recommended shards {Recommended}", EventName = "GatewayInfo")]
    public static partial void GatewayInfo(ILogger logger, int remaining, int total, int maxConcurrency, int recommended);

    [LoggerMessage(3010, LogLevel.Information, "Shard {Shard} waits {Seconds} s for its IDENTIFY turn (bucket {Bucket}; {Remaining} left in the session-start budget)", EventName = "IdentifyWaiting")]
    public static partial void IdentifyWaiting(ILogger logger, int shard, int bucket, double seconds, int remaining);

    [LoggerMessage(3011, LogLevel.Warning, "The session-start budget (session_start_limit) is spent: shard {Shard} waits {Seconds} s, until {ResetAt:u}, before it may IDENTIFY. Resumes still work.", EventName = "IdentifyBudgetSpent")]
    public static partial void IdentifyBudgetSpent(ILogger logger, int shard, double seconds, DateTimeOffset resetAt);

    [LoggerMessage(3012, LogLevel.Information, "Gateway: running shards {Shards} (Discord:ShardCount {CountSetting})", EventName = "GatewayShards")]
    public static partial void GatewayShards(ILogger logger, string shards, string countSetting);

    [LoggerMessage(3013, LogLevel.Critical, "Discord:Shards lists shard {Shard}, but the shard count is {Count} (from GET /gateway/bot): shard ids run from 0 to {Last}. Not connecting.", EventName = "ShardOutOfRange")]
    public static partial void ShardOutOfRange(ILogger logger, int shard, int count, int last);

    // REST 3100–3199
    [LoggerMessage(3100, LogLevel.Warning, "Discord rate limited {Route}: waiting {RetryAfterMs} ms (global: {Global}, attempt {Attempt})", EventName = "RateLimited")]
    public static partial void RateLimited(ILogger logger, string route, double retryAfterMs, bool global, int attempt);

    [LoggerMessage(3101, LogLevel.Warning, "Retrying {Route} after {Reason} (attempt {Attempt})", EventName = "RestRetrying")]
    public static partial void RestRetrying(ILogger logger, string route, string reason, int attempt);

    [LoggerMessage(3102, LogLevel.Warning, "Discord {Method} {Route} failed: HTTP {Status}, code {Code}", EventName = "RestFailed")]
    public static partial void RestFailed(ILogger logger, string method, string route, int status, int? code);

    [LoggerMessage(3103, LogLevel.Critical, "Discord rejected the bot token (401). Check Discord:Token; no more authenticated requests will be sent.", EventName = "TokenRejected")]
    public static partial void TokenRejected(ILogger logger);

    // Interactions 3200–3299
    [LoggerMessage(3200, LogLevel.Information, "Answered /{Command} ({CorrelationId}, deferred: {Deferred})", EventName = "InteractionAnswered")]
    public static partial void InteractionAnswered(ILogger logger, string command, string correlationId, bool deferred);

    [LoggerMessage(3207, LogLevel.Information, "Answered a click ({Target}, {CorrelationId}, deferred: {Deferred})", EventName = "ComponentAnswered")]
    public static partial void ComponentAnswered(ILogger logger, string target, string correlationId, bool deferred);

    [LoggerMessage(3208, LogLevel.Information, "Message command \"{Name}\" answered privately: no paper reference in the message, or not ours ({CorrelationId})", EventName = "MessageCommandSkipped")]
    public static partial void MessageCommandSkipped(ILogger logger, string name, string correlationId);

    [LoggerMessage(3201, LogLevel.Warning, "Could not respond to interaction {InteractionId}: HTTP {Status}, code {Code}", EventName = "InteractionResponseFailed")]
    public static partial void InteractionResponseFailed(ILogger logger, string interactionId, int status, int? code);

    [LoggerMessage(3202, LogLevel.Error, "Interaction {InteractionId} failed", EventName = "InteractionFailed")]
    public static partial void InteractionFailed(ILogger logger, Exception exception, string interactionId);

    [LoggerMessage(3203, LogLevel.Information, "Interaction type {Type} ({InteractionId}) is not supported", EventName = "InteractionUnsupported")]
    public static partial void InteractionUnsupported(ILogger logger, int type, string interactionId);

    [LoggerMessage(3204, LogLevel.Information, "Registered {Count} commands ({Scope})", EventName = "CommandsRegistered")]
    public static partial void CommandsRegistered(ILogger logger, int count, string scope);

    [LoggerMessage(3205, LogLevel.Warning, "Command /{Command} has a name Discord does not accept; not registered", EventName = "CommandSkipped")]
    public static partial void CommandSkipped(ILogger logger, string command);

    [LoggerMessage(3206, LogLevel.Error, "Registering commands failed: HTTP {Status}, code {Code}", EventName = "RegistrationFailed")]
    public static partial void RegistrationFailed(ILogger logger, int status, int? code);

    // HTTP endpoint 3300–3399
    [LoggerMessage(3300, LogLevel.Information, "Discord interactions endpoint listening on {Address}/interactions", EventName = "HttpListening")]
    public static partial void HttpListening(ILogger logger, string address);

    [LoggerMessage(3301, LogLevel.Warning, "Rejected an interaction request: signature {Check}", EventName = "HttpSignatureRejected")]
    public static partial void HttpSignatureRejected(ILogger logger, string check);

    // Platform and publishing 3400–3499
    [LoggerMessage(3400, LogLevel.Critical, "Discord platform stopped: {Reason}. The rest of the bot keeps running.", EventName = "PlatformStopped")]
    public static partial void PlatformStopped(ILogger logger, string reason);

    [LoggerMessage(3402, LogLevel.Critical, "Discord platform stopped after an unexpected error. The rest of the bot keeps running.", EventName = "PlatformFailed")]
    public static partial void PlatformFailed(ILogger logger, Exception exception);

    [LoggerMessage(3401, LogLevel.Warning, "Posting to {Channel} failed: HTTP {Status}, code {Code}", EventName = "PublishFailed")]
    public static partial void PublishFailed(ILogger logger, string channel, int status, int? code);
}
