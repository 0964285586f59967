using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;
using ResearchBot.Core.Similarity;

namespace ResearchBot.Core.Commands.Unfurl;

/// <summary>How a paper card reads: linked title; authors, date and categories; the abstract's opening; 3 similar papers.</summary>
public static class PaperCardReplies
{
    /// <summary>Longest opening of the abstract shown (one or two sentences).</summary>
    public const int MaxOpening = 320;

    private const int MaxCategories = 4;
    private const int MaxAuthors = 4;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "e.g", "i.e", "al", "fig", "figs", "eq", "eqs", "ref", "refs", "sec", "vs", "cf", "approx", "resp", "etc", "no", "dr", "prof", "st", "ca",
    };

    public static Reply Card(Papers.Paper paper, SimilarityResult similar)
    {
        var meta = new List<string>();
        if (!paper.Authors.IsDefaultOrEmpty)
        {
            meta.Add(PaperFormatting.Authors(paper, MaxAuthors));
        }

        if (PaperFormatting.Date(paper) is { } date)
        {
            meta.Add(date);
        }

        if (!paper.Categories.IsDefaultOrEmpty)
        {
            meta.Add(string.Join(", ", paper.Categories.Take(MaxCategories)) + (paper.Categories.Length > MaxCategories ? ", …" : ""));
        }

        var body = string.Join(" · ", meta);
        if (Opening(paper.Abstract) is { } opening)
        {
            body = body.Length == 0 ? opening : body + "\n" + opening;
        }

        var neighbours = similar.Status == SimilarityStatus.Ok ? similar.Neighbours.Take(PaperCards.SimilarCount).ToList() : [];
        return new Reply
        {
            Title = paper.Title,
            TitleUrl = paper.BestUrl,
            Body = body.Length == 0 ? null : body,
            PapersHeading = neighbours.Count == 0 ? null : "Similar papers",
            Papers = [.. neighbours.Select(n => PaperFormatting.ToItem(n.Paper))],
            Footer = $"More like this: /similar {paper.ArxivId ?? paper.Id}",
        };
    }

    /// <summary>
    /// The abstract's first sentence, and the second too when both fit in <see cref="MaxOpening"/> characters; one
    /// long sentence is cut at a word with "…". Whitespace is collapsed. Null for a missing abstract.
    /// </summary>
    public static string? Opening(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var clean = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var first = SentenceEnd(clean, 0);
        if (first < 0 || first > MaxOpening)
        {
            return PaperFormatting.Snippet(clean, MaxOpening);
        }

        var second = SentenceEnd(clean, first + 1);
        var end = second > 0 && second <= MaxOpening ? second : first;
        return clean[..end].Trim();
    }

    /// <summary>Index just past the sentence that starts at or after <paramref name="from"/>; -1 when the text has no end mark followed by a new sentence.</summary>
    private static int SentenceEnd(string text, int from)
    {
        for (var i = from; i < text.Length; i++)
        {
            if (text[i] is not ('.' or '?' or '!'))
            {
                continue;
            }

            if (i == text.Length - 1)
            {
                return text.Length;
            }

            if (text[i + 1] != ' ' || i + 2 >= text.Length || !(char.IsUpper(text[i + 2]) || char.IsDigit(text[i + 2]) || text[i + 2] is '(' or '"' or '['))
            {
                continue;
            }

            if (text[i] == '.' && IsAbbreviation(text, i))
            {
                continue;
            }

            return i + 1;
        }

        return -1;
    }

    private static bool IsAbbreviation(string text, int dot)
    {
        var start = dot;
        while (start > 0 && text[start - 1] != ' ')
        {
            start--;
        }

        var word = text[start..dot].TrimStart('(', '[', '"');
        // A single capital is an initial ("J. Smith"); a known abbreviation ("e.g.", "et al.", "Fig.") ends no sentence.
        return (word.Length == 1 && char.IsUpper(word[0])) || Abbreviations.Contains(word);
    }
}
