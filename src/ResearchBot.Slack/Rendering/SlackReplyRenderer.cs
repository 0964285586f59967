using System.Text;
using ResearchBot.Core.Replies;

namespace ResearchBot.Slack.Rendering;

/// <summary>
/// Turns a platform-neutral <see cref="Reply"/> (all plain text) into Block Kit within Slack's limits. Every piece of
/// text is escaped, mrkdwn texts are verbatim, and links are built only from http(s) URLs, so neither a paper title
/// nor user text can mention anyone.
/// </summary>
public static class SlackReplyRenderer
{
    public static SlackMessage Render(Reply reply)
    {
        var actions = ActionsBlock.From(reply.Actions);
        var blocks = new BlockList(actions);
        if (!string.IsNullOrWhiteSpace(reply.Title))
        {
            if (reply.TitleUrl is not null && SlackMrkdwn.Link(reply.TitleUrl, "x").StartsWith('<'))
            {
                blocks.Add(Section("*" + SlackMrkdwn.Link(reply.TitleUrl, SlackMrkdwn.Truncate(reply.Title, 500)) + "*"));
            }
            else
            {
                blocks.Add(new HeaderBlock(SlackText.Plain(SlackMrkdwn.Truncate(reply.Title, SlackLimits.MaxHeaderText))));
            }
        }

        if (!string.IsNullOrWhiteSpace(reply.Body))
        {
            var prefix = reply.Kind == ReplyKind.Error ? ":warning: " : string.Empty;
            AddText(blocks, reply.Body.Split("\n\n").Select((p, i) => (i == 0 ? prefix : string.Empty, p)));
        }

        AddFields(blocks, reply.Fields);
        AddPapers(blocks, reply);
        foreach (var section in reply.Sections)
        {
            AddText(blocks, [("*" + SlackMrkdwn.EscapeWithin(section.Heading, 200) + "*\n", string.Join('\n', section.Lines))]);
        }

        if (!string.IsNullOrWhiteSpace(reply.Footer))
        {
            blocks.Add(new ContextBlock([SlackText.Mrkdwn(SlackMrkdwn.EscapeWithin(reply.Footer, SlackLimits.MaxSectionText))]));
        }

        var links = (reply.TitleUrl is null ? 0 : 1) + reply.Papers.Count(p => p.Url is not null);
        return new SlackMessage(Fallback(reply), blocks.Finish())
        {
            Ephemeral = reply.Visibility == ReplyVisibility.Private,
            // One link (a single paper) previews usefully; a list of previews would bury the answer.
            UnfurlLinks = links == 1 && reply.Papers.Length <= 1,
            UnfurlMedia = false,
        };
    }

    /// <summary>The plain <c>text</c> field: title and first paragraph, escaped, ≤ 4000 characters.</summary>
    internal static string Fallback(Reply reply)
    {
        var parts = new List<string>();
        if (!string.IsNullOrWhiteSpace(reply.Title))
        {
            parts.Add(reply.Title);
        }

        if (!string.IsNullOrWhiteSpace(reply.Body))
        {
            parts.Add(reply.Body.Split("\n\n")[0]);
        }
        else if (!reply.Papers.IsDefaultOrEmpty)
        {
            parts.Add(string.Join("; ", reply.Papers.Take(5).Select(p => p.Title)));
        }

        var text = string.Join(": ", parts);
        return text.Length == 0 ? "ResearchBot" : SlackMrkdwn.EscapeWithin(text, SlackLimits.MaxFallbackText);
    }

    private static void AddPapers(BlockList blocks, Reply reply)
    {
        if (reply.Papers.IsDefaultOrEmpty)
        {
            return;
        }

        if (!string.IsNullOrWhiteSpace(reply.PapersHeading))
        {
            blocks.Add(Section("*" + SlackMrkdwn.EscapeWithin(reply.PapersHeading, 500) + "*"));
        }

        foreach (var paper in reply.Papers)
        {
            var sb = new StringBuilder();
            sb.Append('*').Append(SlackMrkdwn.Link(paper.Url, SlackMrkdwn.Truncate(paper.Title, 500))).Append('*');
            if (!string.IsNullOrWhiteSpace(paper.Meta))
            {
                sb.Append('\n').Append(SlackMrkdwn.EscapeWithin(paper.Meta, 600));
            }

            if (!string.IsNullOrWhiteSpace(paper.Why))
            {
                sb.Append('\n').Append(SlackMrkdwn.EscapeWithin(paper.Why, 400));
            }

            var room = SlackLimits.MaxSectionText - sb.Length - 3;
            if (!string.IsNullOrWhiteSpace(paper.Snippet) && room > 20)
            {
                sb.Append("\n_").Append(SlackMrkdwn.EscapeWithin(paper.Snippet.Replace('_', ' '), room)).Append('_');
            }

            blocks.Add(Section(sb.ToString()));
        }
    }

    private static void AddFields(BlockList blocks, IReadOnlyList<ReplyField> fields)
    {
        foreach (var chunk in fields.Chunk(SlackLimits.MaxSectionFields))
        {
            blocks.Add(new SectionBlock
            {
                Fields = chunk.Select(f => SlackText.Mrkdwn(SlackMrkdwn.EscapeWithin(f.Name, 200) is var name
                    ? "*" + name + "*\n" + SlackMrkdwn.EscapeWithin(f.Value, SlackLimits.MaxFieldText - name.Length - 3)
                    : string.Empty)).ToList(),
            });
        }
    }

    /// <summary>Adds (already-escaped prefix, plain text) parts as sections, packing lines up to 3000 characters each.</summary>
    private static void AddText(BlockList blocks, IEnumerable<(string Prefix, string Plain)> parts)
    {
        foreach (var (prefix, plain) in parts)
        {
            var current = new StringBuilder(prefix);
            var lines = 0;
            foreach (var line in plain.Split('\n'))
            {
                var escaped = SlackMrkdwn.EscapeWithin(line, SlackLimits.MaxSectionText);
                if (lines > 0 && current.Length + 1 + escaped.Length > SlackLimits.MaxSectionText)
                {
                    blocks.Add(Section(current.ToString()));
                    current.Clear();
                    lines = 0;
                }
                else if (lines == 0 && current.Length + escaped.Length > SlackLimits.MaxSectionText)
                {
                    escaped = SlackMrkdwn.EscapeWithin(line, SlackLimits.MaxSectionText - current.Length);
                }

                if (lines > 0)
                {
                    current.Append('\n');
                }

                current.Append(escaped);
                lines++;
            }

            if (current.ToString().Trim().Length > 0)
            {
                blocks.Add(Section(current.ToString()));
            }
        }
    }

    private static SectionBlock Section(string mrkdwn) => new() { Text = SlackText.Mrkdwn(mrkdwn) };

    /// <summary>Keeps at most 50 blocks, ending with a note when some had to be left out, then the actions.</summary>
    private sealed class BlockList(ActionsBlock? actions)
    {
        private readonly List<SlackBlock> _blocks = [];
        private int _dropped;

        public void Add(SlackBlock block)
        {
            // Places stay free for the "not shown" note and the actions.
            if (_blocks.Count < SlackLimits.MaxBlocks - (actions is null ? 1 : 2))
            {
                _blocks.Add(block);
            }
            else
            {
                _dropped++;
            }
        }

        public IReadOnlyList<SlackBlock> Finish()
        {
            if (_dropped > 0)
            {
                _blocks.Add(new ContextBlock([SlackText.Mrkdwn($"…and {_dropped} more not shown (Slack allows {SlackLimits.MaxBlocks} blocks per message).")]));
            }

            if (actions is not null)
            {
                _blocks.Add(actions);
            }

            return _blocks;
        }
    }
}
