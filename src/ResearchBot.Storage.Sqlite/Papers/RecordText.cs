namespace ResearchBot.Storage.Sqlite.Papers;

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
            return s.Length == 0 ? null : s.Length <= max ? s : s[..max];
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

        return n == 0 ? null : new string(buffer[..Math.Min(n, max)]);
    }
}
