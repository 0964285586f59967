using System.Collections.Immutable;

namespace ResearchBot.Core.Replies;

/// <summary>
/// Something a person can do with an answer, platform-neutral: each renderer turns it into what its platform offers
/// (Discord components, Slack Block Kit elements, a typed follow-up in the console). Labels are plain text.
/// </summary>
public sealed record ReplyAction
{
    /// <summary>Discord's limit for a button label; Slack's is larger.</summary>
    public const int MaxLabelLength = 80;

    /// <summary>Discord allows 25 options in a select, Slack 100.</summary>
    public const int MaxChoices = 25;

    public required ReplyActionKind Kind { get; init; }

    /// <summary>The button's text or the menu's placeholder.</summary>
    public required string Label { get; init; }

    /// <summary>What a click asks for (<see cref="ReplyActionKind.Button"/>): opaque to renderers, sent back as is.</summary>
    public string? Payload { get; init; }

    /// <summary>Where a <see cref="ReplyActionKind.Link"/> goes; a link sends nothing back.</summary>
    public string? Url { get; init; }

    /// <summary>The options of a <see cref="ReplyActionKind.Select"/>, each with its own payload.</summary>
    public ImmutableArray<ReplyChoice> Choices { get; init; } = [];

    /// <summary>
    /// The word a console user types to do this (<c>more</c>; for a select, <c>similar 3</c> picks the choice for the
    /// third listed item).
    /// </summary>
    public string? Shortcut { get; init; }

    public static ReplyAction Button(string label, string payload, string shortcut) =>
        new() { Kind = ReplyActionKind.Button, Label = label, Payload = payload, Shortcut = shortcut };

    public static ReplyAction Link(string label, string url) =>
        new() { Kind = ReplyActionKind.Link, Label = label, Url = url };

    public static ReplyAction Select(string placeholder, IEnumerable<ReplyChoice> choices, string shortcut) =>
        new() { Kind = ReplyActionKind.Select, Label = placeholder, Choices = [.. choices.Take(MaxChoices)], Shortcut = shortcut };
}

public enum ReplyActionKind
{
    /// <summary>A button that sends its payload back.</summary>
    Button,

    /// <summary>A menu of choices; picking one sends that choice's payload back.</summary>
    Select,

    /// <summary>A button that opens a URL and sends nothing back.</summary>
    Link,
}

/// <summary>One option of a select menu.</summary>
/// <param name="Position">The 1-based number of the listed item it stands for, when it stands for one.</param>
public sealed record ReplyChoice(string Label, string Payload, string? Description = null, int? Position = null);
