using System.Collections.Concurrent;

namespace ResearchBot.Core.Health;

/// <summary>
/// Where each expected <see cref="ReadinessComponent"/> reports its state (a platform on connect and disconnect, the
/// similarity index once loaded). The bot is ready when every expected component is; until a component first reports
/// it is <c>starting</c>. Thread-safe; reports are cheap, so adapters call it from their receive loops.
/// </summary>
public sealed class ReadinessRegistry
{
    public const string Starting = "starting";

    private readonly ConcurrentDictionary<string, ReadinessState> _states = new(StringComparer.Ordinal);

    public ReadinessRegistry(IEnumerable<ReadinessComponent> expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        foreach (var component in expected)
        {
            _states.TryAdd(component.Name, new ReadinessState(component.Name, false, Starting));
        }
    }

    /// <summary>True when every expected component last reported ready (and trivially when none is expected).</summary>
    public bool IsReady => _states.Values.All(s => s.IsReady);

    /// <summary>Records <paramref name="component"/>'s state; a component nobody declared is tracked from now on.</summary>
    public void Report(string component, bool ready, string status) =>
        _states[component] = new ReadinessState(component, ready, status);

    /// <summary>Every component's last state, by name.</summary>
    public IReadOnlyList<ReadinessState> Snapshot() => [.. _states.Values.OrderBy(s => s.Component, StringComparer.Ordinal)];
}
