namespace ResearchBot.Core.Alerts;

/// <summary>One paper mapped onto a <see cref="PercolatorProgram"/>'s term ids, with stamp arrays reused across a batch.</summary>
internal sealed class PaperContext(int vocabulary)
{
    private readonly int[] _present = new int[vocabulary];
    private readonly int[] _title = new int[vocabulary];
    private int _stamp;

    public PaperFeatures Features { get; private set; } = null!;

    public List<int> Keys { get; } = [];

    public List<int> Sequence { get; } = [];

    public List<int> TitleKeys { get; } = [];

    /// <summary>The leaves of the last run program that hold outside a NOT, with their half points.</summary>
    public List<(int Leaf, int Points)> Reasons { get; } = [];

    /// <summary>Scratch list for building a match's reasons.</summary>
    public List<string> Why { get; } = [];

    public void Load(PaperFeatures features, PercolatorProgram program)
    {
        Features = features;
        Keys.Clear();
        Sequence.Clear();
        TitleKeys.Clear();
        program.Describe(features, Keys, Sequence, TitleKeys);
        _stamp++;
        foreach (var id in Keys)
        {
            _present[id] = _stamp;
        }

        foreach (var id in TitleKeys)
        {
            _title[id] = _stamp;
        }
    }

    public bool Has(int id) => _present[id] == _stamp;

    public bool InTitle(int id) => _title[id] == _stamp;

    /// <summary>2 when the words occur consecutively in the title, 1 in the abstract, 0 not at all.</summary>
    public int FindPhrase(ReadOnlySpan<int> ids)
    {
        foreach (var id in ids)
        {
            if (!Has(id))
            {
                return 0;
            }
        }

        var sequence = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(Sequence);
        var at = sequence.IndexOf(ids);
        if (at < 0)
        {
            return 0;
        }

        return sequence[..at].Contains(-2) ? 1 : 2;
    }
}
