namespace ResearchBot.Core.Commands;

/// <summary>The <c>outcome</c> tag of the command metrics: a small fixed set, so dashboards can rely on it.</summary>
public static class CommandOutcome
{
    public const string Ok = "ok";
    public const string UsageError = "usage_error";
    public const string NotFound = "not_found";
    public const string Refused = "refused";
    public const string Timeout = "timeout";
    public const string Error = "error";
    public const string Cancelled = "cancelled";
    public const string UnknownCommand = "unknown_command";

    /// <summary>The outcome a command's own result stands for.</summary>
    public static string Of(CommandResult result) => result switch
    {
        CommandResult.UsageError => UsageError,
        CommandResult.NotFound => NotFound,
        _ => Ok,
    };
}
