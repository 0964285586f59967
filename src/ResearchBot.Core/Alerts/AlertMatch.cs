using System.Collections.Immutable;

namespace ResearchBot.Core.Alerts;

/// <summary>Why a paper matched a query: a relevance score (title hits weigh more) and the terms that matched.</summary>
public readonly record struct AlertMatch(double Score, ImmutableArray<string> Why)
{
    public string WhyText => string.Join(", ", Why);
}
