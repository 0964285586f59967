using System.Text;
using ResearchBot.Core.Replies;

namespace ResearchBot.ConsoleChat;

/// <summary>Renders a platform-neutral reply as plain text for a terminal.</summary>
public static class PlainTextRenderer
{
    public static string Render(Reply reply, IReadOnlyList<string>? attachmentPaths = null)
    {
        var sb = new StringBuilder();
        if (reply.Title is { } title)
        {
            sb.AppendLine(reply.Kind == ReplyKind.Error ? "! " + title : title);
            sb.AppendLine(new string('=', Math.Min(Math.Max(title.Length, 3), 72)));
            if (reply.TitleUrl is { } url)
            {
                sb.AppendLine(url);
            }
        }

        if (reply.Body is { } body)
        {
            sb.AppendLine(reply.Kind == ReplyKind.Error && reply.Title is null ? "! " + body : body);
        }

        if (!reply.Fields.IsDefaultOrEmpty)
        {
            sb.AppendLine();
            var width = Math.Min(reply.Fields.Max(f => f.Name.Length), 28);
            foreach (var f in reply.Fields)
            {
                sb.Append(f.Name.PadRight(width)).Append("  ").AppendLine(f.Value);
            }
        }

        foreach (var section in reply.Sections.IsDefault ? [] : reply.Sections)
        {
            sb.AppendLine().AppendLine(section.Heading + ":");
            foreach (var line in section.Lines)
            {
                sb.Append("  ").AppendLine(line);
            }
        }

        if (!reply.Papers.IsDefaultOrEmpty)
        {
            sb.AppendLine();
            if (reply.PapersHeading is { } heading)
            {
                sb.AppendLine(heading + ":");
            }

            var n = 1;
            foreach (var p in reply.Papers)
            {
                sb.Append($"{n++,2}. ").AppendLine(p.Title);
                if (p.Meta is { Length: > 0 } meta)
                {
                    sb.Append("    ").AppendLine(meta);
                }

                if (p.Why is { Length: > 0 } why)
                {
                    sb.Append("    why: ").AppendLine(why);
                }

                if (p.Snippet is { Length: > 0 } snippet)
                {
                    sb.Append("    ").AppendLine(snippet);
                }

                if (p.Url is { Length: > 0 } link)
                {
                    sb.Append("    ").AppendLine(link);
                }
            }
        }

        if (attachmentPaths is { Count: > 0 })
        {
            sb.AppendLine();
            foreach (var path in attachmentPaths)
            {
                sb.Append("Chart: ").AppendLine(path);
            }
        }

        if (reply.Footer is { } footer)
        {
            sb.AppendLine().AppendLine(footer);
        }

        if (ConsoleFollowUps.Describe(reply.Actions) is { } next)
        {
            sb.AppendLine(next);
        }

        return sb.ToString().TrimEnd() + Environment.NewLine;
    }
}
