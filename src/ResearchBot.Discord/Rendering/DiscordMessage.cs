using System.Collections.Immutable;
using System.Text.Json.Serialization;
using ResearchBot.Core.Replies;

namespace ResearchBot.Discord.Rendering;

/// <summary>
/// A message body as Discord takes it for channel messages, interaction responses and webhook edits.
/// <see cref="Files"/> travel as multipart parts next to <c>payload_json</c>.
/// </summary>
public sealed record DiscordMessage
{
    public const int EphemeralFlag = 64;

    public string? Content { get; init; }
    public ImmutableArray<DiscordEmbed> Embeds { get; init; } = [];
    public int? Flags { get; init; }
    public DiscordAllowedMentions AllowedMentions { get; init; } = DiscordAllowedMentions.None;
    public ImmutableArray<DiscordAttachmentInfo>? Attachments { get; init; }

    /// <summary>Action rows (buttons, selects); an empty array on an edit removes the old ones.</summary>
    public ImmutableArray<DiscordComponent>? Components { get; init; }

    /// <summary>With <see cref="EnforceNonce"/>: Discord returns the earlier message instead of posting a repeat with the
    /// same nonce from the same author within a few minutes (channel messages only; ≤ 25 characters).</summary>
    public string? Nonce { get; init; }
    public bool? EnforceNonce { get; init; }

    [JsonIgnore]
    public ImmutableArray<ReplyAttachment> Files { get; init; } = [];
}

/// <summary><c>{"parse":[]}</c>: nothing we echo (paper titles, names, user text) can ping anyone.</summary>
public sealed record DiscordAllowedMentions(ImmutableArray<string> Parse)
{
    public static DiscordAllowedMentions None { get; } = new(ImmutableArray<string>.Empty);
}

/// <summary>Attachment metadata; <see cref="Id"/> is the index of the <c>files[n]</c> part, sent as a string like a snowflake.</summary>
public sealed record DiscordAttachmentInfo(string Id, string Filename, string? Description = null);

public sealed record DiscordEmbed
{
    public string? Title { get; init; }
    public string? Url { get; init; }
    public string? Description { get; init; }
    public int? Color { get; init; }
    public ImmutableArray<DiscordEmbedField>? Fields { get; init; }
    public DiscordEmbedFooter? Footer { get; init; }
    public DiscordEmbedImage? Image { get; init; }

    /// <summary>The characters Discord counts toward the 6000 total.</summary>
    [JsonIgnore]
    public int CountedLength =>
        (Title?.Length ?? 0) + (Description?.Length ?? 0) + (Footer?.Text.Length ?? 0)
        + (Fields?.Sum(f => f.Name.Length + f.Value.Length) ?? 0);
}

public sealed record DiscordEmbedField(string Name, string Value, bool Inline = false);

public sealed record DiscordEmbedFooter(string Text);

public sealed record DiscordEmbedImage(string Url);
