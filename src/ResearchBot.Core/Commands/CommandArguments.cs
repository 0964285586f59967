using System.Collections.Immutable;

namespace ResearchBot.Core.Commands;

/// <summary>Bound, validated argument values by parameter name: <see cref="string"/>, <see cref="long"/> or <see cref="bool"/>.</summary>
public sealed record CommandArguments(ImmutableDictionary<string, object> Values)
{
    public static CommandArguments Empty { get; } = new(ImmutableDictionary<string, object>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase));

    public string? GetString(string name) => Values.TryGetValue(name, out var v) ? v as string : null;

    public long? GetInt64(string name) => Values.TryGetValue(name, out var v) && v is long l ? l : null;

    public bool? GetBoolean(string name) => Values.TryGetValue(name, out var v) && v is bool b ? b : null;

    public bool Has(string name) => Values.ContainsKey(name);
}
