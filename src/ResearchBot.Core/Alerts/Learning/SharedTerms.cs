using System.Collections.Frozen;
using System.Collections.Immutable;
using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Alerts.Learning;

/// <summary>
/// The "why" of a <c>like:</c> alert: the words a paper shares with the example it is closest to, the title's first,
/// then the rarer (longer) abstract words, leaving out function words and the boilerplate of every abstract.
/// </summary>
public static class SharedTerms
{
    private static readonly FrozenSet<string> Ignored = FrozenSet.ToFrozenSet(
    [
        "about", "above", "across", "after", "again", "against", "also", "among", "an", "and", "any", "are", "as", "at",
        "based", "be", "been", "being", "between", "both", "but", "by", "can", "could", "do", "does", "each", "for",
        "from", "further", "has", "have", "here", "how", "however", "in", "into", "is", "it", "its", "may", "more",
        "most", "new", "not", "novel", "of", "on", "one", "or", "other", "our", "over", "paper", "present", "propose",
        "proposed", "result", "show", "such", "than", "that", "the", "their", "them", "then", "these", "they", "this",
        "those", "through", "to", "two", "under", "use", "used", "using", "via", "we", "well", "were", "what", "when",
        "where", "which", "while", "with", "within", "without", "work", "approach", "method", "model", "study", "problem",
        "task", "data", "first", "show", "demonstrate", "state", "art", "existing", "different", "three", "significant",
        "significantly", "performance", "achieve", "achieves", "provide", "introduce", "only", "many", "all", "some",
    ], StringComparer.Ordinal);

    /// <summary>The words a paper's text is compared by (folded, plural-stemmed, no function words).</summary>
    public static FrozenSet<string> WordsOf(Paper paper) =>
        AlertText.Stems(paper.Title).Concat(AlertText.Stems(paper.Abstract)).Where(Useful).ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Up to <paramref name="max"/> words of <paramref name="paper"/> that <paramref name="example"/> also has.</summary>
    public static ImmutableArray<string> Between(Paper paper, FrozenSet<string> example, int max = 3)
    {
        var picked = new List<string>(max);
        foreach (var word in AlertText.Stems(paper.Title))
        {
            if (picked.Count < max && Useful(word) && example.Contains(word) && !picked.Contains(word))
            {
                picked.Add(word);
            }
        }

        if (picked.Count < max)
        {
            foreach (var word in AlertText.Stems(paper.Abstract).Where(w => Useful(w) && example.Contains(w)).Distinct().OrderByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal))
            {
                if (picked.Count >= max)
                {
                    break;
                }

                if (!picked.Contains(word))
                {
                    picked.Add(word);
                }
            }
        }

        return [.. picked];
    }

    private static bool Useful(string word) => word.Length >= 3 && !Ignored.Contains(word) && !word.All(char.IsDigit);
}
