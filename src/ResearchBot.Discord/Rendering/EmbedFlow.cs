using System.Collections.Immutable;
using System.Text;

namespace ResearchBot.Discord.Rendering;

/// <summary>Pours text into embeds, opening new ones as limits are reached and keeping the 6000-character total.</summary>
internal sealed class EmbedFlow(int color)
{
    private const int MinUsefulBlock = 40;
    private readonly List<Draft> _embeds = [];
    private int _total;

    private Draft? Current => _embeds.Count == 0 ? null : _embeds[^1];

    private int Budget => DiscordLimits.EmbedTotal - _total;

    public void Start(string? title, string? url, bool onlyIfUsed = false)
    {
        var current = Current;
        if (current is not null && current.IsEmpty)
        {
            SetTitle(current, title, url);
            return;
        }

        if (current is not null && onlyIfUsed && current.Fields.Count == 0)
        {
            if (title is not null)
            {
                AddBlock("**" + title + "**", "\n\n");
            }

            return;
        }

        if (NewEmbed() is { } draft)
        {
            SetTitle(draft, title, url);
        }
    }

    /// <summary>Appends a description block; false when no room is left anywhere (beyond <paramref name="reserve"/>).</summary>
    public bool AddBlock(string text, string separator, int reserve = 0)
    {
        var current = Current ?? NewEmbed()!;
        if (current.Fields.Count == 0)
        {
            var sep = current.Description.Length == 0 ? "" : separator;
            var needed = sep.Length + text.Length;
            if (current.Description.Length + needed <= DiscordLimits.Description && needed <= Budget - reserve)
            {
                current.Description.Append(sep).Append(text);
                _total += needed;
                return true;
            }

            if (current.Description.Length == 0)
            {
                var room = Math.Min(DiscordLimits.Description, Budget - reserve);
                if (room < MinUsefulBlock)
                {
                    return false;
                }

                var clipped = DiscordMarkdown.Clip(text, room);
                current.Description.Append(clipped);
                _total += clipped.Length;
                return true;
            }
        }

        if (_embeds.Count >= DiscordLimits.Embeds || Budget - reserve < MinUsefulBlock + 1)
        {
            return false;
        }

        NewEmbed();
        return AddBlock(text, separator, reserve);
    }

    /// <summary>A closing line such as "… and 3 more"; dropped if even that does not fit.</summary>
    public void AddNote(string text)
    {
        var current = Current;
        if (current is null || current.Fields.Count > 0)
        {
            return;
        }

        var sep = current.Description.Length == 0 ? "" : "\n\n";
        if (current.Description.Length + sep.Length + text.Length <= DiscordLimits.Description && sep.Length + text.Length <= Budget)
        {
            current.Description.Append(sep).Append(text);
            _total += sep.Length + text.Length;
        }
    }

    public void AddField(string name, string value, bool inline)
    {
        var shownName = DiscordMarkdown.Clip(string.IsNullOrWhiteSpace(name) ? "—" : name.Trim(), DiscordLimits.FieldName);
        var shownValue = string.IsNullOrWhiteSpace(value) ? "—" : value.Trim();
        var current = Current ?? NewEmbed();
        if (current is null)
        {
            return;
        }

        if (current.Fields.Count >= DiscordLimits.Fields)
        {
            current = NewEmbed();
            if (current is null)
            {
                return;
            }
        }

        var room = Math.Min(DiscordLimits.FieldValue, Budget - shownName.Length);
        if (room < 2)
        {
            return;
        }

        shownValue = DiscordMarkdown.Clip(shownValue, room);
        current.Fields.Add(new DiscordEmbedField(shownName, shownValue, inline));
        _total += shownName.Length + shownValue.Length;
    }

    public void SetFooter(string text)
    {
        var current = Current;
        var room = Math.Min(DiscordLimits.Footer, Budget);
        if (current is null || room < 2)
        {
            return;
        }

        current.Footer = DiscordMarkdown.Clip(text.Trim(), room);
        _total += current.Footer.Length;
    }

    public void SetImage(string url)
    {
        if (Current is { } current)
        {
            current.Image = url;
        }
    }

    public ImmutableArray<DiscordEmbed> Build() => _embeds
        .Where(e => !e.IsEmpty || e.Image is not null)
        .Select(e => new DiscordEmbed
        {
            Title = e.Title,
            Url = e.Url,
            Description = e.Description.Length == 0 ? null : e.Description.ToString(),
            Color = color,
            Fields = e.Fields.Count == 0 ? null : [.. e.Fields],
            Footer = e.Footer is null ? null : new DiscordEmbedFooter(e.Footer),
            Image = e.Image is null ? null : new DiscordEmbedImage(e.Image),
        })
        .DefaultIfEmpty(new DiscordEmbed { Description = "Done.", Color = color })
        .ToImmutableArray();

    private void SetTitle(Draft draft, string? title, string? url)
    {
        if (title is null)
        {
            return;
        }

        var room = Math.Min(DiscordLimits.Title, Budget);
        if (room < 2)
        {
            return;
        }

        draft.Title = DiscordMarkdown.Clip(title, room);
        draft.Url = url;
        _total += draft.Title.Length;
    }

    private Draft? NewEmbed()
    {
        if (_embeds.Count >= DiscordLimits.Embeds)
        {
            return null;
        }

        var draft = new Draft();
        _embeds.Add(draft);
        return draft;
    }

    private sealed class Draft
    {
        public string? Title { get; set; }
        public string? Url { get; set; }
        public StringBuilder Description { get; } = new();
        public List<DiscordEmbedField> Fields { get; } = [];
        public string? Footer { get; set; }
        public string? Image { get; set; }

        public bool IsEmpty => Title is null && Description.Length == 0 && Fields.Count == 0 && Footer is null;
    }
}
