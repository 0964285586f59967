namespace ResearchBot.Sources.Charts;

/// <summary>A 3×5 pixel font for digits and "K", enough for axis labels without a font engine.</summary>
internal static class PixelDigits
{
    private static readonly Dictionary<char, string[]> Glyphs = new()
    {
        ['0'] = ["###", "#.#", "#.#", "#.#", "###"],
        ['1'] = [".#.", "##.", ".#.", ".#.", "###"],
        ['2'] = ["###", "..#", "###", "#..", "###"],
        ['3'] = ["###", "..#", "###", "..#", "###"],
        ['4'] = ["#.#", "#.#", "###", "..#", "..#"],
        ['5'] = ["###", "#..", "###", "..#", "###"],
        ['6'] = ["###", "#..", "###", "#.#", "###"],
        ['7'] = ["###", "..#", "..#", "..#", "..#"],
        ['8'] = ["###", "#.#", "###", "#.#", "###"],
        ['9'] = ["###", "#.#", "###", "..#", "###"],
        ['K'] = ["#.#", "##.", "#..", "##.", "#.#"],
    };

    public static void Draw(PngImage img, int x, int y, string text, (byte, byte, byte) color, int scale)
    {
        foreach (var ch in text)
        {
            if (Glyphs.TryGetValue(ch, out var rows))
            {
                for (var r = 0; r < 5; r++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        if (rows[r][c] == '#')
                        {
                            img.Fill(x + (c * scale), y + (r * scale), scale, scale, color);
                        }
                    }
                }
            }

            x += 4 * scale;
        }
    }
}
