using System.ComponentModel.DataAnnotations;

namespace ResearchBot.ConsoleChat;

/// <summary>Section <c>ConsoleChat</c>: the local chat used when no Discord or Slack credentials are configured.</summary>
public sealed class ConsoleChatOptions
{
    public const string Section = "ConsoleChat";
    public const string Platform = "console";
    public const string Workspace = "console";

    [Required(ErrorMessage = "ConsoleChat:Channel is required (default \"console\").")]
    public string Channel { get; set; } = "console";

    [Required(ErrorMessage = "ConsoleChat:User is required (default \"you\").")]
    public string User { get; set; } = "you";

    /// <summary>Where charts attached to replies are written (the path is printed).</summary>
    [Required(ErrorMessage = "ConsoleChat:ChartDirectory is required (default \"data/charts\").")]
    public string ChartDirectory { get; set; } = "data/charts";
}
