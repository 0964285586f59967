using System.ComponentModel.DataAnnotations;

namespace ResearchBot.Hosting;

/// <summary>Section <c>Hosting</c>.</summary>
public sealed class HostingOptions
{
    public const string Section = "Hosting";

    /// <summary>A file touched every <see cref="HeartbeatInterval"/> while the bot runs; empty disables it.</summary>
    public string? HeartbeatFile { get; set; }

    [Range(typeof(TimeSpan), "00:00:05", "00:10:00", ErrorMessage = "Hosting:HeartbeatInterval must be between 00:00:05 and 00:10:00.")]
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);
}
