namespace ResearchBot.Storage.Shared;

/// <summary>Text clean-up applied to records before they are stored.</summary>
internal static class RecordText
{
    /// <summary>Collapses every whitespace run to one space, trims, and cuts at <paramref name="max"/>; null when empty.</summary>
    public static string? Clean(string? s, int max)
    {
        if (s is null)
        {
            return null;
        }

        // One pass, no split: most titles are already clean and are returned as they are.
        var clean = true;
        for (var i = 0; i < s.Length && clean; i++)
        {
            if (char.IsWhiteSpace(s[i]))
            {
                clean = s[i] == ' ' && i > 0 && i < s.Length - 1 && !char.IsWhiteSpace(s[i + 1]);
            }
        }

        if (clean)
        {
            return s.Length == 0 ? null : s.Length <= max ? s : Cut(s, max);
        }

        var buffer = s.Length <= 4096 ? stackalloc char[s.Length] : new char[s.Length];
        var n = 0;
        var pendingSpace = false;
        foreach (var ch in s)
        {
            if (char.IsWhiteSpace(ch))
            {
                pendingSpace = n > 0;
                continue;
            }

            if (pendingSpace)
            {
                buffer[n++] = ' ';
                pendingSpace = false;
            }

            buffer[n++] = ch;
        }

        return n == 0 ? null : n <= max ? new string(buffer[..n]) : Cut(buffer[..n], max);
    }

    /// <summary>The first <paramref name="max"/> characters, not ending in half a surrogate pair or in a space.</summary>
    private static string Cut(ReadOnlySpan<char> s, int max)
    {
        var end = char.IsHighSurrogate(s[max - 1]) ? max - 1 : max;
        return new string(s[..end].TrimEnd(' '));
    }
}
