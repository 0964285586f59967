using System.Collections.Immutable;

namespace ResearchBot.Core.Replies;

/// <summary>
/// A platform-neutral answer. Every string is plain text (no markup): each platform's renderer escapes it
/// and decides layout, so a paper title can never ping anyone or inject formatting.
/// </summary>
public sealed record Reply
{
    public string? Title { get; init; }
    public string? TitleUrl { get; init; }
    /// <summary>Free text under the title; paragraphs separated by blank lines.</summary>
    public string? Body { get; init; }
    public ImmutableArray<ReplyField> Fields { get; init; } = [];
    /// <summary>Heading for <see cref="Papers"/>, e.g. "Recent papers".</summary>
    public string? PapersHeading { get; init; }
    public ImmutableArray<PaperItem> Papers { get; init; } = [];
    /// <summary>Extra sections after the papers (e.g. "Frequent co-authors").</summary>
    public ImmutableArray<ReplySection> Sections { get; init; } = [];
    public string? Footer { get; init; }
    public ReplyVisibility Visibility { get; init; } = ReplyVisibility.Channel;
    public ReplyKind Kind { get; init; } = ReplyKind.Result;
    public ImmutableArray<ReplyAttachment> Attachments { get; init; } = [];
    /// <summary>What a person can do next with this answer (buttons, menus, links), in display order.</summary>
    public ImmutableArray<ReplyAction> Actions { get; init; } = [];

    public static Reply Error(string message) =>
        new() { Body = message, Kind = ReplyKind.Error, Visibility = ReplyVisibility.Private };

    public static Reply Info(string message, ReplyVisibility visibility = ReplyVisibility.Private) =>
        new() { Body = message, Kind = ReplyKind.Info, Visibility = visibility };
}

/// <summary>Who sees a reply: the whole channel, or only the person who asked (ephemeral).</summary>
public enum ReplyVisibility
{
    Channel,
    Private,
}

public enum ReplyKind
{
    Result,
    Info,
    Error,
}

/// <summary>A labelled value, shown side by side where the platform can (<see cref="Inline"/>).</summary>
public sealed record ReplyField(string Name, string Value, bool Inline = true);

/// <summary>A titled block of lines.</summary>
public sealed record ReplySection(string Heading, ImmutableArray<string> Lines);

/// <summary>One paper in a list: title (linked), a meta line, an optional snippet and "why it is here".</summary>
public sealed record PaperItem(string Title, string? Url, string? Meta, string? Snippet = null, string? Why = null, string? Id = null);

/// <summary>A file to attach (e.g. a PNG chart).</summary>
public sealed record ReplyAttachment(string FileName, string ContentType, ReadOnlyMemory<byte> Content, string? Description = null);
