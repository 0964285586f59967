using System.ComponentModel.DataAnnotations;

namespace ResearchBot.Core.Commands;

/// <summary>Section <c>Commands</c>.</summary>
public sealed class CommandOptions
{
    public const string Section = "Commands";

    /// <summary>Longest a command may run before it is stopped with a friendly reply.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Commands:Timeout must be between 00:00:01 and 00:10:00.")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The longest <see cref="Timeout"/> allowed.</summary>
    public static readonly TimeSpan MaxTimeout = TimeSpan.FromMinutes(10);
}
