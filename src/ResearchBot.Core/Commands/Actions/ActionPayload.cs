using System.Globalization;
using System.Text;
using ResearchBot.Core.Commands.Parsing;

namespace ResearchBot.Core.Commands.Actions;

/// <summary>
/// What a button or menu choice asks for, carried in the component itself (Discord <c>custom_id</c>, Slack
/// <c>value</c>), so a click still works after a restart or a refit: a command line to run, and whether its answer
/// replaces the message clicked on (<c>More</c>) or comes as a new one (<c>Similar to…</c>). A click runs the command
/// with the clicker's own channel and rights, exactly as if typed there, so a tampered payload can ask for nothing
/// the clicker could not type. Format: <c>rb1:u:search spiking networks page:2</c>.
/// </summary>
public sealed record ActionPayload(ActionTarget Target, CommandInput.Text Command)
{
    /// <summary>Discord's limit for <c>custom_id</c> and a select option's value; Slack allows more.</summary>
    public const int MaxLength = 100;

    private const string Prefix = "rb1:";

    /// <summary>The payload as sent to a platform; null when it would not fit in <see cref="MaxLength"/>.</summary>
    public string? Encode()
    {
        var text = Prefix + (Target == ActionTarget.UpdateMessage ? 'u' : 'n') + ':' + Command.Command + (Command.Raw.Length > 0 ? " " + Command.Raw : "");
        return text.Length <= MaxLength ? text : null;
    }

    /// <summary>Reads a payload a client sent back; false for anything this version did not write.</summary>
    public static bool TryDecode(string? payload, out ActionPayload action)
    {
        action = null!;
        if (payload is null || payload.Length is <= 6 or > MaxLength || !payload.StartsWith(Prefix, StringComparison.Ordinal) || payload[5] != ':')
        {
            return false;
        }

        var target = payload[4] switch
        {
            'u' => ActionTarget.UpdateMessage,
            'n' => ActionTarget.NewMessage,
            _ => (ActionTarget?)null,
        };
        var line = payload[6..];
        if (target is null || line.StartsWith('/') || InputSanitizer.Clean(line) != line || CommandLine.Parse(line) is not { } command)
        {
            return false;
        }

        action = new ActionPayload(target.Value, command);
        return true;
    }

    /// <summary>
    /// A payload that runs <paramref name="spec"/> with <paramref name="values"/> (the rest parameter as free text,
    /// the others as <c>name:value</c>); null when it would not fit, or when the text would not read back as the same
    /// arguments (free text that looks like an option).
    /// </summary>
    public static string? For(ActionTarget target, CommandSpec spec, IReadOnlyDictionary<string, object?> values)
    {
        var raw = new StringBuilder();
        foreach (var parameter in spec.Parameters.OrderBy(p => p.Rest ? 0 : 1))
        {
            if (!values.TryGetValue(parameter.Name, out var value) || value is null)
            {
                continue;
            }

            var shown = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
            if (!parameter.Rest && shown.Contains(' ', StringComparison.Ordinal))
            {
                shown = "\"" + shown + "\"";
            }

            raw.Append(raw.Length > 0 ? " " : "").Append(parameter.Rest ? shown : parameter.Name + ":" + shown);
        }

        var command = new CommandInput.Text(spec.Name, raw.ToString());
        var (bound, _) = ArgumentBinder.BindText(spec, command.Raw);
        if (bound is null || values.Any(v => v.Value is not null && !Equals(Normalize(bound.Values.GetValueOrDefault(v.Key)), Normalize(v.Value))))
        {
            return null;
        }

        return new ActionPayload(target, command).Encode();
    }

    private static string? Normalize(object? value) => Convert.ToString(value, CultureInfo.InvariantCulture);
}

/// <summary>Where the answer to a click goes.</summary>
public enum ActionTarget
{
    /// <summary>It replaces the message clicked on (a next page).</summary>
    UpdateMessage,

    /// <summary>It comes as a new message (papers similar to a listed one).</summary>
    NewMessage,
}
