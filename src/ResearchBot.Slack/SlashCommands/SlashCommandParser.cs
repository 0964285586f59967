using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Parsing;

namespace ResearchBot.Slack.SlashCommands;

/// <summary>
/// Maps a Slack slash command to Core's text input. Two set-ups parse through the same specs:
/// one Slack command per bot command (<c>/author Kording</c>) or one umbrella command
/// (<c>/researchbot author Kording</c>), whose first word names the bot command.
/// </summary>
public static class SlashCommandParser
{
    public static CommandInput.Text Parse(SlashCommandPayload payload, string umbrellaCommand)
    {
        var name = payload.Command.Trim().TrimStart('/');
        if (string.Equals(name, umbrellaCommand, StringComparison.OrdinalIgnoreCase))
        {
            // "/researchbot" alone, or "/researchbot   ", asks for help.
            return CommandLine.Parse(payload.Text) ?? new CommandInput.Text("help", string.Empty);
        }

        return new CommandInput.Text(name.ToLowerInvariant(), InputSanitizer.Clean(payload.Text));
    }
}
