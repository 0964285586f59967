namespace ResearchBot.Similarity.Search;

/// <summary>
/// All papers' int8 vectors in one contiguous array (row stride padded to 16 bytes), with per-row scale, sign bits
/// (relative to the model mean), seq, year and category-set id. Appends are serialised; searches read a snapshot
/// and never lock. Memory: stride + head + 4 + 8·words + 8 + 2 + 4 bytes per paper (194 at 128 dimensions).
/// </summary>
internal sealed class VectorMatrix
{
    private readonly Lock _gate = new();
    private State _state;

    public VectorMatrix(int dimensions, float[] mean, int capacity = 1024)
    {
        Dimensions = dimensions;
        Stride = (dimensions + 15) / 16 * 16;
        Words = (dimensions + 63) / 64;
        HeadWidth = Math.Min(32, Stride);
        Mean = mean;
        _state = new State(Math.Max(16, capacity), Stride, Words, HeadWidth);
    }

    public int Dimensions { get; }
    public int Stride { get; }
    public int Words { get; }

    /// <summary>
    /// Bytes of each row also kept in a separate contiguous "head" array: the leading LSA dimensions carry the largest
    /// singular values, so their partial dot product is a cheap, bandwidth-light pre-pass (32 MB per million papers).
    /// </summary>
    public int HeadWidth { get; }
    public float[] Mean { get; }
    public CategorySets Categories { get; } = new();

    public int Count => Volatile.Read(ref _state).Count;

    public long BytesPerRow => Stride + HeadWidth + 4 + 8L * Words + 8 + 2 + 4;

    public long AllocatedBytes => Volatile.Read(ref _state).Capacity * BytesPerRow;

    internal State Snapshot() => Volatile.Read(ref _state);

    /// <summary>Appends one stored vector (see <see cref="VectorCodec"/>).</summary>
    public void Append(long seq, int year, string categories, ReadOnlySpan<byte> blob)
    {
        if (VectorCodec.Dimensions(blob) != Dimensions)
        {
            throw new ArgumentException($"Vector has {VectorCodec.Dimensions(blob)} dimensions, expected {Dimensions}.", nameof(blob));
        }

        var set = Categories.Intern(categories);
        lock (_gate)
        {
            var s = _state;
            if (s.Count == s.Capacity)
            {
                s = s.Grow(s.Capacity * 2, Stride, Words, HeadWidth);
                Volatile.Write(ref _state, s);
            }

            var row = s.Count;
            var values = VectorCodec.Values(blob);
            values.CopyTo(s.Data.AsSpan(row * Stride, Dimensions));
            values[..Math.Min(HeadWidth, Dimensions)].CopyTo(s.Head.AsSpan(row * HeadWidth, HeadWidth));
            var scale = VectorCodec.Scale(blob);
            s.Scales[row] = scale;
            var signs = s.Signs.AsSpan(row * Words, Words);
            signs.Clear();
            for (var i = 0; i < Dimensions; i++)
            {
                if (values[i] * scale > Mean[i])
                {
                    signs[i >> 6] |= 1UL << (i & 63);
                }
            }

            s.Seqs[row] = seq;
            s.Years[row] = (short)Math.Clamp(year, 0, short.MaxValue);
            s.Sets[row] = set;
            Volatile.Write(ref s.Count, row + 1);
        }
    }

    /// <summary>The arrays behind the matrix; rows below <see cref="Count"/> never change.</summary>
    internal sealed class State
    {
        public State(int capacity, int stride, int words, int headWidth)
        {
            Capacity = capacity;
            Head = new sbyte[(long)capacity * headWidth];
            Data = new sbyte[(long)capacity * stride];
            Scales = new float[capacity];
            Signs = new ulong[(long)capacity * words];
            Seqs = new long[capacity];
            Years = new short[capacity];
            Sets = new int[capacity];
        }

        public int Capacity { get; }
        public sbyte[] Data { get; }
        public sbyte[] Head { get; }
        public float[] Scales { get; }
        public ulong[] Signs { get; }
        public long[] Seqs { get; }
        public short[] Years { get; }
        public int[] Sets { get; }
        public int Count;

        public State Grow(int capacity, int stride, int words, int headWidth)
        {
            var s = new State(capacity, stride, words, headWidth);
            Array.Copy(Data, s.Data, (long)Count * stride);
            Array.Copy(Head, s.Head, (long)Count * headWidth);
            Array.Copy(Scales, s.Scales, Count);
            Array.Copy(Signs, s.Signs, (long)Count * words);
            Array.Copy(Seqs, s.Seqs, Count);
            Array.Copy(Years, s.Years, Count);
            Array.Copy(Sets, s.Sets, Count);
            s.Count = Count;
            return s;
        }
    }
}
