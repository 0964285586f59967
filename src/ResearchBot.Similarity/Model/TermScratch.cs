using ResearchBot.Similarity.Text;

namespace ResearchBot.Similarity.Model;

/// <summary>Per-thread working memory for turning one text into term weights without allocating.</summary>
internal sealed class TermScratch
{
    public TermScratch(int vocabularySize)
    {
        Counts = new float[vocabularySize];
        Touched = new int[256];
    }

    public TokenList Tokens { get; } = new();

    /// <summary>Dense per-term accumulator; only the entries listed in <see cref="Touched"/> are non-zero.</summary>
    public float[] Counts { get; }

    public int[] Touched { get; private set; }

    public int TouchedCount { get; private set; }

    public void Touch(int term)
    {
        if (Counts[term] == 0)
        {
            if (TouchedCount == Touched.Length)
            {
                var bigger = new int[Touched.Length * 2];
                Touched.CopyTo(bigger, 0);
                Touched = bigger;
            }

            Touched[TouchedCount++] = term;
        }

        Counts[term] += 1;
    }

    public void Reset()
    {
        for (var i = 0; i < TouchedCount; i++)
        {
            Counts[Touched[i]] = 0;
        }

        TouchedCount = 0;
    }
}
