namespace ResearchBot.Core.Alerts;

/// <summary>
/// Deliberately simple English plural folding, applied to both queries and papers so that <c>networks</c> matches
/// <c>network</c> and <c>studies</c> matches <c>study</c>. It never strips more than a plural ending, so
/// <c>embedding</c> and <c>embedded</c> stay distinct words.
/// </summary>
public static class WordStemmer
{
    /// <summary>Stems an already folded word given as characters; allocates only the result.</summary>
    public static string Stem(ReadOnlySpan<char> word)
    {
        var n = word.Length;
        if (n <= 3 || !char.IsLetter(word[^1]))
        {
            return new string(word);
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && n > 4)
        {
            return string.Concat(word[..(n - 3)], "y");
        }

        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)
            || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)
            || word.EndsWith("zes", StringComparison.Ordinal))
        {
            return new string(word[..^2]);
        }

        if (word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i'))
        {
            return new string(word[..^1]);
        }

        return new string(word);
    }

    /// <summary>Stems an already folded (lower-case, accent-free) word.</summary>
    public static string Stem(string word)
    {
        var n = word.Length;
        if (n <= 3 || !char.IsLetter(word[^1]))
        {
            return word;
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && n > 4)
        {
            return string.Concat(word.AsSpan(0, n - 3), "y");
        }

        if (word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)
            || word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal)
            || word.EndsWith("zes", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word[^1] == 's' && word[^2] is not ('s' or 'u' or 'i'))
        {
            return word[..^1];
        }

        return word;
    }
}
