namespace ResearchBot.Similarity.Text;

/// <summary>
/// A reusable buffer of the tokens of one text: lower-cased, lightly stemmed words with stop words removed, and for
/// each a flag saying whether it directly follows the previous kept token (so bigrams never jump over a stop word).
/// </summary>
internal sealed class TokenList
{
    private char[] _chars = new char[4096];
    private int[] _starts = new int[512];
    private int[] _lengths = new int[512];
    private bool[] _adjacent = new bool[512];
    private int _charCount;
    private char[] _pair = new char[128];

    public int Count { get; private set; }

    public ReadOnlySpan<char> this[int i] => _chars.AsSpan(_starts[i], _lengths[i]);

    public bool FollowsDirectly(int i) => _adjacent[i];

    /// <summary>The bigram "previous current", or empty when token <paramref name="i"/> does not directly follow one.</summary>
    public ReadOnlySpan<char> Bigram(int i)
    {
        if (i == 0 || !_adjacent[i])
        {
            return [];
        }

        var a = this[i - 1];
        var b = this[i];
        var need = a.Length + b.Length + 1;
        if (_pair.Length < need)
        {
            _pair = new char[need * 2];
        }

        a.CopyTo(_pair);
        _pair[a.Length] = ' ';
        b.CopyTo(_pair.AsSpan(a.Length + 1));
        return _pair.AsSpan(0, need);
    }

    public void Clear()
    {
        Count = 0;
        _charCount = 0;
    }

    public void Add(ReadOnlySpan<char> word, bool adjacent)
    {
        if (Count == _starts.Length)
        {
            Array.Resize(ref _starts, Count * 2);
            Array.Resize(ref _lengths, Count * 2);
            Array.Resize(ref _adjacent, Count * 2);
        }

        if (_charCount + word.Length > _chars.Length)
        {
            Array.Resize(ref _chars, Math.Max(_chars.Length * 2, _charCount + word.Length));
        }

        word.CopyTo(_chars.AsSpan(_charCount));
        _starts[Count] = _charCount;
        _lengths[Count] = word.Length;
        _adjacent[Count] = adjacent;
        _charCount += word.Length;
        Count++;
    }
}
