using System.Collections.Immutable;

namespace ResearchBot.Core.Commands;

/// <summary>
/// The one declaration of a command: it drives text parsing, Discord registration, Slack help and /help.
/// </summary>
/// <param name="Name">Lowercase, 1–32 characters, no slash.</param>
/// <param name="Description">One line, at most 100 characters.</param>
public sealed record CommandSpec(string Name, string Description, ImmutableArray<ParameterSpec> Parameters)
{
    /// <summary>Answers fast (no network, small index work): adapters may answer without deferring.</summary>
    public bool Quick { get; init; }

    /// <summary>Changes channel state (subscriptions): needs the platform's channel-management right.</summary>
    public bool RequiresChannelAdmin { get; init; }

    /// <summary>
    /// Reached only through buttons (a vote on an alert, "Alert me about papers like this"): not registered as a slash
    /// command and not listed by <c>/help</c>, though a typed line still runs it (with the same checks).
    /// </summary>
    public bool ButtonOnly { get; init; }

    /// <summary>Longer help: syntax notes and examples, one per line.</summary>
    public ImmutableArray<string> Examples { get; init; } = [];

    /// <summary>Extra help text shown by <c>/help NAME</c>.</summary>
    public string? Details { get; init; }

    public ParameterSpec? RestParameter => Parameters.FirstOrDefault(p => p.Rest);

    /// <summary>The usage line, e.g. <c>/similar LINK [limit:N] [since:YEAR]</c>.</summary>
    public string Usage
    {
        get
        {
            var parts = new List<string> { "/" + Name };
            foreach (var p in Parameters)
            {
                var shown = p.Rest ? p.Name.ToUpperInvariant() : $"{p.Name}:{(p.Choices.IsDefaultOrEmpty ? p.Kind switch { ParameterKind.Integer => "N", ParameterKind.Boolean => "yes|no", _ => p.Name.ToUpperInvariant() } : string.Join('|', p.Choices))}";
                parts.Add(p.Required ? shown : $"[{shown}]");
            }

            return string.Join(' ', parts);
        }
    }
}
