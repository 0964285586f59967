using System.Collections.Frozen;
using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Alerts.Learning;

/// <summary>One example paper of a <c>like:</c> subscription, prepared for the "why" of its alerts.</summary>
public sealed record LikeExample(Paper Paper, float[] Vector, FrozenSet<string> Words)
{
    public string Reference => Commands.Actions.ResultActions.Reference(Paper);
}

/// <summary>An active <c>like:</c> subscription as the percolator needs it: its model (in the current space), its filter and its examples.</summary>
public sealed record LikeEntry(AlertSubscription Subscription, InterestModel Model, AlertQuery? Filter, IReadOnlyList<LikeExample> Examples);
