using System.Collections.Immutable;
using ResearchBot.Similarity.Model;
using ResearchBot.Similarity.Text;

namespace ResearchBot.Similarity;

/// <summary>
/// Finds the strongest terms a text shares with the query: tokenises the other text and looks its terms up in the
/// query's (small, cache-hot) term table rather than the whole vocabulary. Ranking by query weight × (1 + ln tf) · idf
/// equals ranking by the TF-IDF product, since the other text's norm is common to all its terms.
/// </summary>
internal sealed class SharedTermProbe
{
    private readonly LsaModel _model;
    private readonly Dictionary<string, (int Term, float Weight)> _query;
    private readonly Dictionary<string, (int Term, float Weight)>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly TokenList _tokens = new();

    public SharedTermProbe(LsaModel model, List<(int Term, float Weight)> query)
    {
        _model = model;
        _query = new Dictionary<string, (int, float)>(query.Count, FastStringComparer.Instance);
        foreach (var (term, weight) in query)
        {
            _query[model.Vocabulary[term]] = (term, weight);
        }

        _lookup = _query.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public ImmutableArray<string> SharedTerms(string other, int max = 3)
    {
        Tokenizer.Tokenize(other, _tokens);
        var counts = new Dictionary<int, (string Text, float Weight, int Count)>();
        for (var i = 0; i < _tokens.Count; i++)
        {
            Add(_tokens[i]);
            var bigram = _tokens.Bigram(i);
            if (!bigram.IsEmpty)
            {
                Add(bigram);
            }
        }

        var picked = new List<string>();
        foreach (var (text, _) in counts.Values
            .Select(c => (c.Text, Score: c.Weight * (1 + MathF.Log(c.Count)) * _model.Idf[_query[c.Text].Term]))
            .OrderByDescending(t => t.Score).ThenBy(t => t.Text, StringComparer.Ordinal))
        {
            if (picked.Count == max)
            {
                break;
            }

            var words = text.Split(' ');
            if (!picked.Any(p => p.Split(' ').Intersect(words).Any()))
            {
                picked.Add(text);
            }
        }

        return [.. picked];

        void Add(ReadOnlySpan<char> term)
        {
            if (_lookup.TryGetValue(term, out var key, out var q))
            {
                counts[q.Term] = counts.TryGetValue(q.Term, out var c) ? c with { Count = c.Count + 1 } : (key, q.Weight, 1);
            }
        }
    }
}
