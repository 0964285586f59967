using System.Runtime.InteropServices;

namespace ResearchBot.Similarity.Text;

/// <summary>
/// Ordinal comparer with a cheap non-randomised hash (FNV-1a over UTF-16 code units) and span look-ups. Vocabulary
/// look-ups dominate tokenising; the default randomised string hash costs several times more per term. The keys come
/// from our own corpus, so hash flooding is not a concern.
/// </summary>
internal sealed class FastStringComparer : IEqualityComparer<string>, IAlternateEqualityComparer<ReadOnlySpan<char>, string>
{
    public static FastStringComparer Instance { get; } = new();

    public bool Equals(string? x, string? y) => string.Equals(x, y, StringComparison.Ordinal);

    public int GetHashCode(string obj) => Hash(obj);

    public bool Equals(ReadOnlySpan<char> alternate, string other) => alternate.SequenceEqual(other);

    public int GetHashCode(ReadOnlySpan<char> alternate) => Hash(alternate);

    public string Create(ReadOnlySpan<char> alternate) => alternate.ToString();

    private static int Hash(ReadOnlySpan<char> s)
    {
        var h = 2166136261u;
        foreach (var c in MemoryMarshal.AsBytes(s))
        {
            h = (h ^ c) * 16777619u;
        }

        return (int)(h ^ (h >> 15));
    }
}
