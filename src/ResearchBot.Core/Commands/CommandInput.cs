using System.Collections.Immutable;

namespace ResearchBot.Core.Commands;

/// <summary>A command as a platform delivered it: raw text (Slack, console) or typed options (Discord).</summary>
public abstract record CommandInput(string Command)
{
    /// <summary>Text after the command name, unparsed.</summary>
    public sealed record Text(string Command, string Raw) : CommandInput(Command);

    /// <summary>Named option values as the platform typed them (string, long, double or bool).</summary>
    public sealed record Options(string Command, ImmutableDictionary<string, object?> Values) : CommandInput(Command);
}
