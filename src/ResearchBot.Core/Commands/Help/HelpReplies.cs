using System.Collections.Immutable;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Commands.Help;

public static class HelpReplies
{
    public static Reply Overview(ImmutableArray<CommandSpec> specs) => new()
    {
        Title = "ResearchBot commands",
        Body = "Papers and researchers from the index, in this channel. `/help COMMAND` explains one command.",
        Sections = [new ReplySection("Commands", [.. specs.Select(s => $"{s.Usage} — {s.Description}")])],
        Visibility = ReplyVisibility.Private,
        Kind = ReplyKind.Info,
    };

    public static Reply ForCommand(CommandSpec spec)
    {
        var lines = spec.Parameters
            .Select(p => $"{(p.Rest ? p.Name.ToUpperInvariant() : p.Name + ":")} — {p.Description}{(p.Required ? " (required)" : "")}{(p.Example is null ? "" : $", e.g. {p.Example}")}")
            .ToImmutableArray();
        var sections = ImmutableArray.CreateBuilder<ReplySection>();
        if (lines.Length > 0)
        {
            sections.Add(new ReplySection("Options", lines));
        }

        if (!spec.Examples.IsDefaultOrEmpty)
        {
            sections.Add(new ReplySection("Examples", spec.Examples));
        }

        return new Reply
        {
            Title = spec.Usage,
            Body = spec.Details is null ? spec.Description : spec.Description + "\n\n" + spec.Details,
            Sections = sections.ToImmutable(),
            Footer = spec.RequiresChannelAdmin ? "Needs the right to manage the channel." : null,
            Visibility = ReplyVisibility.Private,
            Kind = ReplyKind.Info,
        };
    }
}
