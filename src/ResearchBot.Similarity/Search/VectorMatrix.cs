namespace ResearchBot.Similarity.Search;

/// <summary>
/// All papers' int8 vectors in one contiguous array (row stride padded to 16 bytes), with per-row scale, sign bits
/// (relative to the model mean), 2-bit pre-pass codes (once <see cref="EnsureCodes"/> has fitted their code book),
/// seq, year and category-set id. Appends are serialised; searches read a snapshot and never lock.
/// Memory: stride + dimensions/4 + 4 + 8·words + 8 + 2 + 4 bytes per paper (194 at 128 dimensions).
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
        CodeBytes = CodeBook.BytesFor(dimensions);
        Mean = mean;
        _state = new State(Math.Max(16, capacity), Stride, Words, CodeBytes);
    }

    public int Dimensions { get; }
    public int Stride { get; }
    public int Words { get; }

    /// <summary>Pre-pass code bytes per row (two bits per dimension).</summary>
    public int CodeBytes { get; }
    public float[] Mean { get; }
    public CategorySets Categories { get; } = new();

    public int Count => Volatile.Read(ref _state).Count;

    public long BytesPerRow => Stride + CodeBytes + 4 + 8L * Words + 8 + 2 + 4;

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
                s = s.Grow(s.Capacity * 2, Stride, Words, CodeBytes);
                Volatile.Write(ref _state, s);
            }

            var row = s.Count;
            var values = VectorCodec.Values(blob);
            values.CopyTo(s.Data.AsSpan(row * Stride, Dimensions));
            var scale = VectorCodec.Scale(blob);
            if (s.Book is { } book)
            {
                Span<byte> code = stackalloc byte[CodeBytes];
                book.Encode(values, scale, code);
                CodeScan.Write(s.Codes, CodeBytes, row, code);
            }

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

    /// <summary>
    /// Fits the pre-pass code book on the rows present and encodes them (once; rows appended later are encoded as they
    /// arrive). Costs a few hundred milliseconds per million rows, so the index calls it at start-up.
    /// </summary>
    public void EnsureCodes()
    {
        if (Volatile.Read(ref _state).Book is not null)
        {
            return;
        }

        lock (_gate)
        {
            var s = _state;
            if (s.Book is not null || s.Count == 0)
            {
                return;
            }

            var book = CodeBook.Fit(s.Data, s.Scales, s.Count, Stride, Dimensions);
            // Whole blocks per worker: rows of one block share cache lines.
            var blocks = (s.Count + CodeScan.BlockRows - 1) / CodeScan.BlockRows;
            Parallel.For(0, Environment.ProcessorCount, p =>
            {
                var code = new byte[CodeBytes];
                var from = (int)((long)blocks * p / Environment.ProcessorCount) * CodeScan.BlockRows;
                var to = Math.Min(s.Count, (int)((long)blocks * (p + 1) / Environment.ProcessorCount) * CodeScan.BlockRows);
                for (var row = from; row < to; row++)
                {
                    book.Encode(s.Data.AsSpan(row * Stride, Dimensions), s.Scales[row], code);
                    CodeScan.Write(s.Codes, CodeBytes, row, code);
                }
            });

            // Published last: a reader that sees the book sees every row below its count encoded.
            Volatile.Write(ref s.Book, book);
        }
    }

    /// <summary>The arrays behind the matrix; rows below <see cref="Count"/> never change.</summary>
    internal sealed class State
    {
        public State(int capacity, int stride, int words, int codeBytes)
        {
            Capacity = capacity;
            // Whole blocks of 32 rows (see CodeScan).
            Codes = new byte[(capacity + CodeScan.BlockRows - 1) / CodeScan.BlockRows * CodeScan.BlockBytes(codeBytes)];
            Data = new sbyte[(long)capacity * stride];
            Scales = new float[capacity];
            Signs = new ulong[(long)capacity * words];
            Seqs = new long[capacity];
            Years = new short[capacity];
            Sets = new int[capacity];
        }

        public int Capacity { get; }
        public sbyte[] Data { get; }
        public byte[] Codes { get; }
        public CodeBook? Book;
        public float[] Scales { get; }
        public ulong[] Signs { get; }
        public long[] Seqs { get; }
        public short[] Years { get; }
        public int[] Sets { get; }
        public int Count;

        public State Grow(int capacity, int stride, int words, int codeBytes)
        {
            var s = new State(capacity, stride, words, codeBytes);
            Array.Copy(Data, s.Data, (long)Count * stride);
            Array.Copy(Codes, s.Codes, Codes.Length);
            s.Book = Book;
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
