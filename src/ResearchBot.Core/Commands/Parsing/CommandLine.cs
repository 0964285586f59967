namespace ResearchBot.Core.Commands.Parsing;

/// <summary>Splits a typed line (<c>/author Kording</c>) into a command name and its raw argument text.</summary>
public static class CommandLine
{
    /// <summary>Returns null when the line is empty.</summary>
    public static CommandInput.Text? Parse(string? line)
    {
        var text = InputSanitizer.Clean(line);
        if (text.Length == 0)
        {
            return null;
        }

        text = text.TrimStart('/');
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        return space < 0
            ? new CommandInput.Text(text.ToLowerInvariant(), string.Empty)
            : new CommandInput.Text(text[..space].ToLowerInvariant(), text[(space + 1)..].Trim());
    }
}
