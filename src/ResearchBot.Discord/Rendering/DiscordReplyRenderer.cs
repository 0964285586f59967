using System.Collections.Immutable;
using System.Text;
using ResearchBot.Core.Replies;

namespace ResearchBot.Discord.Rendering;

/// <summary>
/// Renders a Core <see cref="Reply"/> as a Discord message inside every documented limit: a lone body becomes
/// content; anything richer becomes up to 10 embeds whose text sums to at most 6000 characters. What does not fit
/// is cut cleanly with an ellipsis and a "… and N more" line. Mentions are always off.
/// </summary>
public sealed class DiscordReplyRenderer
{
    private const int ResultColor = 0x2E7D32;
    private const int InfoColor = 0x5865F2;
    private const int ErrorColor = 0xC62828;

    /// <param name="ephemeral">Set flag 64 when the reply is private (only meaningful for interaction replies).</param>
    public DiscordMessage Render(Reply reply, bool ephemeral)
    {
        int? flags = ephemeral && reply.Visibility == ReplyVisibility.Private ? DiscordMessage.EphemeralFlag : null;
        var files = reply.Attachments.IsDefaultOrEmpty ? [] : reply.Attachments.Take(DiscordLimits.Attachments).ToImmutableArray();
        ImmutableArray<DiscordAttachmentInfo>? attachments = files.IsEmpty ? null : files.Select((f, i) => new DiscordAttachmentInfo(i.ToString(System.Globalization.CultureInfo.InvariantCulture), f.FileName, f.Description is null ? null : DiscordMarkdown.Clip(f.Description, 1024))).ToImmutableArray();

        if (IsPlainText(reply))
        {
            var content = string.IsNullOrWhiteSpace(reply.Body) ? "Done." : DiscordMarkdown.Clip(DiscordMarkdown.Escape(reply.Body.Trim()), DiscordLimits.Content);
            return new DiscordMessage { Content = content, Flags = flags, Files = files, Attachments = attachments, Components = DiscordComponents.Render(reply.Actions) };
        }

        var builder = new EmbedFlow(reply.Kind switch { ReplyKind.Error => ErrorColor, ReplyKind.Info => InfoColor, _ => ResultColor });
        builder.Start(reply.Title is null ? null : DiscordMarkdown.Escape(reply.Title), DiscordMarkdown.IsWebUrl(reply.TitleUrl) ? reply.TitleUrl : null);
        if (!string.IsNullOrWhiteSpace(reply.Body))
        {
            builder.AddBlock(DiscordMarkdown.Escape(reply.Body.Trim()), "\n\n");
        }

        foreach (var field in reply.Fields.IsDefault ? [] : reply.Fields)
        {
            builder.AddField(DiscordMarkdown.Escape(field.Name), DiscordMarkdown.Escape(field.Value), field.Inline);
        }

        var papers = reply.Papers.IsDefault ? [] : reply.Papers;
        if (papers.Length > 0)
        {
            builder.Start(reply.PapersHeading is null ? null : DiscordMarkdown.Escape(reply.PapersHeading), null, onlyIfUsed: true);
            for (var i = 0; i < papers.Length; i++)
            {
                if (!builder.AddBlock(PaperBlock(i + 1, papers[i]), "\n\n", reserve: 40))
                {
                    builder.AddNote($"… and {papers.Length - i} more");
                    break;
                }
            }
        }

        foreach (var section in reply.Sections.IsDefault ? [] : reply.Sections)
        {
            var lines = section.Lines.IsDefault ? [] : section.Lines;
            builder.AddField(DiscordMarkdown.Escape(section.Heading), string.Join('\n', lines.Select(DiscordMarkdown.Escape)), inline: false);
        }

        if (!string.IsNullOrWhiteSpace(reply.Footer))
        {
            builder.SetFooter(reply.Footer);
        }

        if (files.Length > 0 && files[0].ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase))
        {
            builder.SetImage("attachment://" + files[0].FileName);
        }

        return new DiscordMessage { Embeds = builder.Build(), Flags = flags, Files = files, Attachments = attachments, Components = DiscordComponents.Render(reply.Actions) };
    }

    private static bool IsPlainText(Reply r) =>
        r.Title is null && r.Footer is null && (r.Fields.IsDefaultOrEmpty) && r.Papers.IsDefaultOrEmpty && r.Sections.IsDefaultOrEmpty;

    private static string PaperBlock(int n, PaperItem p)
    {
        var sb = new StringBuilder();
        sb.Append(n).Append(". **").Append(DiscordMarkdown.Link(DiscordMarkdown.Clip(p.Title, 300), p.Url)).Append("**");
        if (!string.IsNullOrWhiteSpace(p.Meta))
        {
            sb.Append('\n').Append(DiscordMarkdown.Escape(p.Meta));
        }

        if (!string.IsNullOrWhiteSpace(p.Snippet))
        {
            sb.Append('\n').Append(DiscordMarkdown.Escape(DiscordMarkdown.Clip(p.Snippet, 600)));
        }

        if (!string.IsNullOrWhiteSpace(p.Why))
        {
            sb.Append("\n*").Append(DiscordMarkdown.Escape(p.Why)).Append('*');
        }

        return sb.ToString();
    }
}
