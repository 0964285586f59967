namespace ResearchBot.Similarity.Search;

/// <summary>A bounded min-heap keeping the k best (score, row) pairs.</summary>
internal sealed class TopK(int k)
{
    private readonly float[] _scores = new float[Math.Max(1, k)];
    private readonly int[] _rows = new int[Math.Max(1, k)];

    public int Count { get; private set; }

    /// <summary>The score a candidate must beat to enter (−∞ until full).</summary>
    public float Threshold => Count < _scores.Length ? float.NegativeInfinity : _scores[0];

    /// <summary>The kept rows in heap order.</summary>
    public ReadOnlySpan<int> Rows => _rows.AsSpan(0, Count);

    public void Offer(float score, int row)
    {
        if (Count < _scores.Length)
        {
            var i = Count++;
            _scores[i] = score;
            _rows[i] = row;
            while (i > 0)
            {
                var parent = (i - 1) / 2;
                if (_scores[parent] <= _scores[i])
                {
                    break;
                }

                Swap(i, parent);
                i = parent;
            }

            return;
        }

        if (score <= _scores[0])
        {
            return;
        }

        _scores[0] = score;
        _rows[0] = row;
        var j = 0;
        while (true)
        {
            var left = 2 * j + 1;
            if (left >= Count)
            {
                break;
            }

            var child = left + 1 < Count && _scores[left + 1] < _scores[left] ? left + 1 : left;
            if (_scores[j] <= _scores[child])
            {
                break;
            }

            Swap(j, child);
            j = child;
        }
    }

    /// <summary>Best first.</summary>
    public List<(int Row, float Score)> Sorted()
    {
        var list = new List<(int, float)>(Count);
        for (var i = 0; i < Count; i++)
        {
            list.Add((_rows[i], _scores[i]));
        }

        list.Sort((a, b) => b.Item2.CompareTo(a.Item2) is var c && c != 0 ? c : a.Item1.CompareTo(b.Item1));
        return list;
    }

    private void Swap(int a, int b)
    {
        (_scores[a], _scores[b]) = (_scores[b], _scores[a]);
        (_rows[a], _rows[b]) = (_rows[b], _rows[a]);
    }
}
