using ResearchBot.Core.Authors;
using ResearchBot.Core.Text;

namespace ResearchBot.Sources.OpenAlex;

/// <summary>
/// How well an OpenAlex author's works fit what the index knows about a person: shared papers (same DOI or same
/// folded title) weigh 3, shared co-authors (by folded surname and first initial) weigh 1. Zero means "a namesake".
/// </summary>
public static class NamesakeScorer
{
    public static int Score(AuthorProfile profile, IReadOnlyList<OpenAlexWork> works)
    {
        var titles = profile.Papers.Select(p => TextFold.Fold(p.Title)).Where(t => t.Length > 0).ToHashSet(StringComparer.Ordinal);
        var dois = profile.Papers.Select(p => p.Doi?.ToLowerInvariant()).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var p in profile.Papers.Where(p => p.ArxivId is not null))
        {
            dois.Add($"10.48550/arxiv.{p.ArxivId!.ToLowerInvariant()}");
        }

        var coauthors = profile.Coauthors.Select(c => NameKey(c.Name)).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var score = 0;
        var seenCoauthors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var work in works)
        {
            if ((work.Doi is not null && dois.Contains(work.Doi.ToLowerInvariant())) || titles.Contains(TextFold.Fold(work.Title)))
            {
                score += 3;
            }

            foreach (var key in work.Authors.Select(NameKey).OfType<string>())
            {
                if (coauthors.Contains(key) && seenCoauthors.Add(key))
                {
                    score += 1;
                }
            }
        }

        return score;
    }

    private static string? NameKey(string name) => AuthorName.Parse(name)?.Key;
}
