using ResearchBot.Core.Authors;
using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Alerts;

/// <summary>
/// One paper mapped onto a <see cref="PercolatorProgram"/>'s term ids. Reused paper after paper (stamp arrays, lists
/// and the word buffer), so that loading a paper allocates only its parsed author names: its words are looked up as
/// spans, never made into strings (see <see cref="PercolatorProgram.Describe"/>).
/// </summary>
internal sealed class PaperContext(int vocabulary)
{
    private readonly int[] _present = new int[vocabulary];
    private readonly int[] _title = new int[vocabulary];
    private int _stamp;

    public Paper Paper { get; private set; } = null!;

    /// <summary>The paper's distinct term ids, in order of first occurrence: title words, abstract words, surnames, categories.</summary>
    public List<int> Keys { get; } = [];

    /// <summary>Title word ids, -2, abstract word ids (-1 = a word no query uses): for phrases.</summary>
    public List<int> Sequence { get; } = [];

    public List<AuthorName> Authors { get; } = [];

    /// <summary>The leaves of the last run program that hold outside a NOT, with their half points.</summary>
    public List<(int Leaf, int Points)> Reasons { get; } = [];

    /// <summary>Scratch list for building a match's reasons.</summary>
    public List<string> Why { get; } = [];

    /// <summary>Scratch buffer for the word being read.</summary>
    public char[] Word { get; set; } = new char[64];

    public void Load(Paper paper, PercolatorProgram program)
    {
        Paper = paper;
        Keys.Clear();
        Sequence.Clear();
        Authors.Clear();
        if (_stamp == int.MaxValue)
        {
            Array.Clear(_present);
            Array.Clear(_title);
            _stamp = 0;
        }

        _stamp++;
        program.Describe(paper, this);
    }

    /// <summary>A word of the title (<paramref name="title"/>) or abstract, by id (-1 for a word no query uses).</summary>
    public void AddWord(int id, bool title)
    {
        Sequence.Add(id);
        if (id < 0)
        {
            return;
        }

        AddKey(id);
        if (title)
        {
            _title[id] = _stamp;
        }
    }

    /// <summary>A key the paper has (a word, surname, category or archive id); repeats are kept once.</summary>
    public void AddKey(int id)
    {
        if (_present[id] != _stamp)
        {
            _present[id] = _stamp;
            Keys.Add(id);
        }
    }

    public bool Has(int id) => _present[id] == _stamp;

    public bool InTitle(int id) => _title[id] == _stamp;

    public bool HasAuthor(AuthorName name)
    {
        foreach (var author in Authors)
        {
            if (author.IsCompatibleWith(name))
            {
                return true;
            }
        }

        return false;
    }

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
