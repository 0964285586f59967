namespace ResearchBot.Similarity.Text;

/// <summary>English stop words (function words plus a few words every abstract uses), matched after lower-casing.</summary>
internal static class StopWords
{
    private static readonly HashSet<string> Words = new(FastStringComparer.Instance)
    {
        "a", "about", "above", "after", "again", "against", "all", "almost", "also", "although", "always", "am", "among", "an", "and", "another", "any", "are",
        "around", "as", "at", "be", "became", "because", "become", "been", "before", "being", "below", "between", "both", "but", "by", "can", "cannot", "could",
        "did", "do", "does", "doing", "done", "down", "due", "during", "each", "either", "else", "enough", "etc", "even", "ever", "every", "few", "for", "from",
        "further", "had", "has", "have", "having", "he", "hence", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if", "in",
        "into", "is", "it", "its", "itself", "just", "least", "less", "may", "me", "might", "more", "most", "much", "must", "my", "myself", "neither", "no",
        "nor", "not", "now", "of", "off", "often", "on", "once", "one", "only", "onto", "or", "other", "others", "otherwise", "our", "ours", "ourselves", "out",
        "over", "own", "per", "perhaps", "rather", "same", "several", "she", "should", "since", "so", "some", "still", "such", "than", "that", "the", "their",
        "theirs", "them", "themselves", "then", "there", "thereby", "therefore", "these", "they", "this", "those", "though", "through", "thus", "to", "too",
        "toward", "towards", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "well", "were", "what", "whatever", "when", "where", "whereas",
        "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within", "without", "would", "yet", "you", "your", "yours",
        "paper", "propose", "proposed", "show", "shows", "shown", "using", "use", "used", "based", "present", "results", "result", "approach", "new",
        "demonstrate", "study", "work", "method", "methods", "two", "three", "first", "second", "however", "different", "given", "many", "make", "way",
    };

    public static bool Contains(ReadOnlySpan<char> word) => Lookup.Contains(word);

    private static readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup = Words.GetAlternateLookup<ReadOnlySpan<char>>();
}
