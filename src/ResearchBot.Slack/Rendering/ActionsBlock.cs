using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Serialization;
using ResearchBot.Core.Replies;

namespace ResearchBot.Slack.Rendering;

/// <summary>Interactive elements in one row (at most 25): buttons, link buttons and static selects.</summary>
public sealed record ActionsBlock(IReadOnlyList<SlackElement> Elements) : SlackBlock
{
    /// <summary>
    /// A reply's actions as one actions block, within Block Kit's limits (button text 75 characters, option text and
    /// description 75, option value 150); null when nothing fits.
    /// </summary>
    public static ActionsBlock? From(ImmutableArray<ReplyAction> actions)
    {
        if (actions.IsDefaultOrEmpty)
        {
            return null;
        }

        var elements = new List<SlackElement>();
        foreach (var (action, i) in actions.Select((a, i) => (a, i)))
        {
            var id = "rb_" + i.ToString(CultureInfo.InvariantCulture);
            switch (action.Kind)
            {
                case ReplyActionKind.Button when action.Payload is { Length: > 0 and <= SlackLimits.MaxActionValue } value:
                    elements.Add(new ButtonElement(Plain(action.Label, SlackLimits.MaxButtonText), id) { Value = value });
                    break;
                case ReplyActionKind.Link when action.Url is { } url && SlackMrkdwn.Link(url, "x").StartsWith('<') && url.Length <= SlackLimits.MaxButtonUrl:
                    elements.Add(new ButtonElement(Plain(action.Label, SlackLimits.MaxButtonText), id) { Url = url });
                    break;
                case ReplyActionKind.Select:
                    var options = action.Choices
                        .Where(c => c.Payload.Length is > 0 and <= SlackLimits.MaxOptionValue)
                        .DistinctBy(c => c.Payload, StringComparer.Ordinal)
                        .Take(ReplyAction.MaxChoices)
                        .Select(c => new SelectOption(Plain(c.Label, SlackLimits.MaxOptionText), c.Payload)
                        {
                            Description = c.Description is { Length: > 0 } d ? Plain(d, SlackLimits.MaxOptionText) : null,
                        })
                        .ToList();
                    if (options.Count > 0)
                    {
                        elements.Add(new StaticSelectElement(Plain(action.Label, SlackLimits.MaxPlaceholderText), id, options));
                    }

                    break;
            }
        }

        return elements.Count == 0 ? null : new ActionsBlock(elements.Take(SlackLimits.MaxActionElements).ToList());
    }

    private static SlackText Plain(string text, int max) =>
        SlackText.Plain(text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…"));
}

/// <summary>A Block Kit interactive element; serialised with its <c>type</c>.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ButtonElement), "button")]
[JsonDerivedType(typeof(StaticSelectElement), "static_select")]
public abstract record SlackElement;

/// <summary>A button: <see cref="Value"/> comes back in <c>block_actions</c>; a <see cref="Url"/> button just opens it.</summary>
public sealed record ButtonElement(SlackText Text, string ActionId) : SlackElement
{
    public string? Value { get; init; }
    public string? Url { get; init; }
}

/// <summary>A menu; the picked option's value comes back as <c>selected_option.value</c>.</summary>
public sealed record StaticSelectElement(SlackText Placeholder, string ActionId, IReadOnlyList<SelectOption> Options) : SlackElement;

public sealed record SelectOption(SlackText Text, string Value)
{
    public SlackText? Description { get; init; }
}
