using System.Collections.Immutable;

namespace ResearchBot.Core.Commands;

/// <summary>The type of a command parameter; maps to Discord option types and to text binding rules.</summary>
public enum ParameterKind
{
    Text,
    Integer,
    Boolean,
}

/// <summary>
/// One parameter of a command. In raw text (Slack, console), the single <see cref="Rest"/> parameter takes every
/// word that is not a <c>name:value</c> option; other parameters are given as <c>name:value</c>.
/// </summary>
public sealed record ParameterSpec(string Name, string Description)
{
    public ParameterKind Kind { get; init; } = ParameterKind.Text;
    public bool Required { get; init; }
    /// <summary>Takes the free text of the command line (at most one per command).</summary>
    public bool Rest { get; init; }
    public int? MinLength { get; init; }
    public int? MaxLength { get; init; }
    public long? MinValue { get; init; }
    public long? MaxValue { get; init; }
    /// <summary>Allowed values (compared case-insensitively); empty means any.</summary>
    public ImmutableArray<string> Choices { get; init; } = [];
    /// <summary>Platforms that can should offer completions from <see cref="ICommandAutocomplete"/>.</summary>
    public bool Autocomplete { get; init; }
    /// <summary>Shown in help, e.g. <c>2401.12345</c>.</summary>
    public string? Example { get; init; }
}
