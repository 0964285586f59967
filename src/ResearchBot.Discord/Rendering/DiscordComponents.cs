using System.Collections.Immutable;
using ResearchBot.Core.Replies;

namespace ResearchBot.Discord.Rendering;

/// <summary>
/// A message component (legacy layout): action rows (type 1) holding up to 5 buttons (type 2) or one string select
/// (type 3). Serialized with <see cref="DiscordJson.Options"/>: snake_case, nulls left out.
/// </summary>
public sealed record DiscordComponent
{
    public const int ActionRow = 1;
    public const int Button = 2;
    public const int StringSelect = 3;

    public const int SecondaryStyle = 2;
    public const int LinkStyle = 5;

    public required int Type { get; init; }
    public int? Style { get; init; }
    public string? Label { get; init; }
    public string? CustomId { get; init; }
    public string? Url { get; init; }
    public string? Placeholder { get; init; }
    public ImmutableArray<DiscordSelectOption>? Options { get; init; }
    public ImmutableArray<DiscordComponent>? Components { get; init; }
}

/// <summary>One option of a string select; <see cref="Value"/> comes back in <c>data.values</c>.</summary>
public sealed record DiscordSelectOption(string Label, string Value, string? Description = null);

/// <summary>Turns a reply's platform-neutral actions into action rows within Discord's documented limits.</summary>
public static class DiscordComponents
{
    /// <summary>The <c>custom_id</c> prefix of our selects; the choice's value is the payload.</summary>
    public const string SelectPrefix = "rb1sel:";

    private const int MaxRows = 5;
    private const int ButtonsPerRow = 5;

    public static ImmutableArray<DiscordComponent>? Render(ImmutableArray<ReplyAction> actions)
    {
        if (actions.IsDefaultOrEmpty)
        {
            return null;
        }

        var selects = new List<DiscordComponent>();
        var buttons = new List<DiscordComponent>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var action in actions)
        {
            switch (action.Kind)
            {
                case ReplyActionKind.Button when action.Payload is { Length: > 0 and <= DiscordLimits.CustomId } id && ids.Add(id):
                    buttons.Add(new DiscordComponent { Type = DiscordComponent.Button, Style = DiscordComponent.SecondaryStyle, Label = Label(action.Label), CustomId = id });
                    break;
                case ReplyActionKind.Link when DiscordMarkdown.IsWebUrl(action.Url) && action.Url!.Length <= DiscordLimits.ButtonUrl:
                    buttons.Add(new DiscordComponent { Type = DiscordComponent.Button, Style = DiscordComponent.LinkStyle, Label = Label(action.Label), Url = action.Url });
                    break;
                case ReplyActionKind.Select when Options(action) is { Length: > 0 } options:
                    selects.Add(Row(new DiscordComponent
                    {
                        Type = DiscordComponent.StringSelect,
                        CustomId = SelectPrefix + selects.Count,
                        Placeholder = DiscordMarkdown.Clip(action.Label, 150),
                        Options = options,
                    }));
                    break;
            }
        }

        var rows = buttons.Chunk(ButtonsPerRow).Select(chunk => Row(chunk)).Concat(selects).Take(MaxRows).ToImmutableArray();
        return rows.IsEmpty ? null : rows;
    }

    private static DiscordComponent Row(params DiscordComponent[] components) =>
        new() { Type = DiscordComponent.ActionRow, Components = [.. components] };

    private static ImmutableArray<DiscordSelectOption> Options(ReplyAction select) =>
        [.. select.Choices
            .Where(c => c.Payload.Length is > 0 and <= DiscordLimits.CustomId)
            .DistinctBy(c => c.Payload, StringComparer.Ordinal)
            .Take(ReplyAction.MaxChoices)
            .Select(c => new DiscordSelectOption(DiscordMarkdown.Clip(c.Label, 100), c.Payload, c.Description is { Length: > 0 } d ? DiscordMarkdown.Clip(d, 100) : null))];

    private static string Label(string label) => DiscordMarkdown.Clip(label, ReplyAction.MaxLabelLength);
}
