namespace ResearchBot.Core.Text;

/// <summary>
/// Harman's S-stemmer (1991), the one plural folding of the bot: similarity vocabularies, alert queries and the papers
/// they are matched against. <c>networks</c> → <c>network</c>, <c>studies</c> → <c>study</c>, <c>features</c> →
/// <c>feature</c>; <c>class</c>, <c>corpus</c>, <c>analysis</c> and <c>bias</c> stay. It only ever removes a plural
/// ending, so <c>embedding</c> and <c>embedded</c> stay distinct. Words are expected folded (<see cref="TextFold"/>).
/// Stored similarity models hold words stemmed by these rules: changing them needs a refit and an eval run.
/// </summary>
public static class PluralStemmer
{
    /// <summary>Stems a word in place (an <c>-ies</c> ending is rewritten in the buffer) and returns the stem's span.</summary>
    public static ReadOnlySpan<char> StemInPlace(Span<char> word) => word[..Apply(word)];

    /// <summary>Stems a folded word; returns the same instance when nothing changes.</summary>
    public static string Stem(string word) => StemLength(word) == word.Length ? word : Stem(word.AsSpan());

    /// <summary>Stems a folded word given as characters; allocates only the result.</summary>
    public static string Stem(ReadOnlySpan<char> word)
    {
        var length = StemLength(word);
        return length == word.Length - 2 ? string.Concat(word[..(length - 1)], "y") : new string(word[..length]);
    }

    private static int Apply(Span<char> w)
    {
        var length = StemLength(w);
        if (length == w.Length - 2)
        {
            w[length - 1] = 'y'; // -ies → -y
        }

        return length;
    }

    /// <summary>
    /// The stem's length: unchanged, one less (drop <c>-s</c>), or two less for <c>-ies</c> → <c>-y</c> (the caller
    /// writes the <c>y</c>). No other rule removes two characters.
    /// </summary>
    private static int StemLength(ReadOnlySpan<char> w)
    {
        var n = w.Length;
        if (n < 4 || w[n - 1] != 's')
        {
            return n;
        }

        if (w.EndsWith("ies") && !w.EndsWith("eies") && !w.EndsWith("aies"))
        {
            return n - 2;
        }

        if (w.EndsWith("es") && !w.EndsWith("aes") && !w.EndsWith("ees") && !w.EndsWith("oes"))
        {
            return n - 1;
        }

        return w.EndsWith("us") || w.EndsWith("ss") || w.EndsWith("is") || w.EndsWith("ias") ? n : n - 1;
    }
}
