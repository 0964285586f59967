using System.Collections.Immutable;
using ResearchBot.Core.Authors;

namespace ResearchBot.Core.Alerts;

/// <summary>A node of a parsed alert query. Leaves are words, phrases, authors and categories.</summary>
public abstract record QueryNode
{
    private QueryNode()
    {
    }

    /// <summary>The canonical query text of this node (re-parses to an equal tree).</summary>
    public abstract string ToQueryText();

    /// <summary>One stem-folded word or a phrase of them, matched at word boundaries in title and abstract.</summary>
    /// <param name="Stems">Folded, stemmed words; more than one means a phrase (consecutive words).</param>
    /// <param name="Display">What the user typed, for explanations.</param>
    public sealed record Terms(ImmutableArray<string> Stems, string Display) : QueryNode
    {
        public bool IsPhrase => Stems.Length > 1;

        public override string ToQueryText() => IsPhrase || Display.Contains(' ', StringComparison.Ordinal) ? $"\"{Display}\"" : Display;
    }

    /// <summary>An author, matched through <see cref="AuthorName"/> (same surname, compatible given names).</summary>
    public sealed record Author(AuthorName Name) : QueryNode
    {
        public override string ToQueryText() => $"author:\"{Name.Display}\"";
    }

    /// <summary>An arXiv category (<c>cs.LG</c>), or every category of an archive (<c>cs.*</c>, stored as prefix <c>cs.</c>).</summary>
    /// <param name="Value">Lower-case category, or the archive prefix ending with a dot when <paramref name="Wildcard"/>.</param>
    public sealed record Category(string Value, bool Wildcard) : QueryNode
    {
        public override string ToQueryText() => Wildcard ? $"cat:{Value}*" : $"cat:{Value}";
    }

    public sealed record And(ImmutableArray<QueryNode> Children) : QueryNode
    {
        public override string ToQueryText() => string.Join(" AND ", Children.Select(c => c is Or ? $"({c.ToQueryText()})" : c.ToQueryText()));
    }

    public sealed record Or(ImmutableArray<QueryNode> Children) : QueryNode
    {
        public override string ToQueryText() => string.Join(" OR ", Children.Select(c => c.ToQueryText()));
    }

    public sealed record Not(QueryNode Child) : QueryNode
    {
        public override string ToQueryText() => Child is And or Or ? $"NOT ({Child.ToQueryText()})" : $"NOT {Child.ToQueryText()}";
    }
}
