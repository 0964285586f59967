using System.Numerics.Tensors;
using System.Text;
using ResearchBot.Similarity.Text;

namespace ResearchBot.Similarity.Model;

/// <summary>
/// A fitted LSA model: vocabulary (unigrams and bigrams), idf weights and the term → concept projection
/// (the top right singular vectors of the TF-IDF matrix). Immutable; safe to share between threads.
/// </summary>
internal sealed class LsaModel
{
    private const int Magic = 0x3141534C; // "LSA1"
    private readonly Dictionary<string, int> _terms;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    [ThreadStatic]
    private static TermScratch? t_scratch;
    [ThreadStatic]
    private static LsaModel? t_scratchOwner;

    public LsaModel(string[] vocabulary, float[] idf, float[] components, int dimensions, float[] mean)
    {
        Vocabulary = vocabulary;
        Idf = idf;
        Components = components;
        Dimensions = dimensions;
        Mean = mean;
        _terms = new Dictionary<string, int>(vocabulary.Length, FastStringComparer.Instance);
        for (var i = 0; i < vocabulary.Length; i++)
        {
            _terms[vocabulary[i]] = i;
        }

        _lookup = _terms.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public string[] Vocabulary { get; }
    public float[] Idf { get; }
    /// <summary>Row-major, one row of <see cref="Dimensions"/> floats per term.</summary>
    public float[] Components { get; }
    public int Dimensions { get; }
    /// <summary>The mean projected document (sign bits are taken relative to it).</summary>
    public float[] Mean { get; }

    /// <summary>The database version, set once the model is saved.</summary>
    public int Version { get; set; }

    public int TermId(ReadOnlySpan<char> term) => _lookup.TryGetValue(term, out var id) ? id : -1;

    /// <summary>Sublinear TF-IDF weights of the text, L2-normalised, as (term, weight) pairs; empty when no term is known.</summary>
    public List<(int Term, float Weight)> Weights(string text)
    {
        var scratch = Scratch();
        Count(text, scratch);
        var list = new List<(int, float)>(scratch.TouchedCount);
        var norm = Normalise(scratch);
        for (var i = 0; i < scratch.TouchedCount; i++)
        {
            var t = scratch.Touched[i];
            list.Add((t, scratch.Counts[t] / norm));
        }

        scratch.Reset();
        return list;
    }

    /// <summary>Projects a text into the concept space, L2-normalised; false when the text has no known term.</summary>
    public bool Project(string text, Span<float> output)
    {
        output.Clear();
        var scratch = Scratch();
        Count(text, scratch);
        if (scratch.TouchedCount == 0)
        {
            return false;
        }

        var norm = Normalise(scratch);
        for (var i = 0; i < scratch.TouchedCount; i++)
        {
            var t = scratch.Touched[i];
            var row = Components.AsSpan(t * Dimensions, Dimensions);
            TensorPrimitives.MultiplyAdd(row, scratch.Counts[t] / norm, output, output);
        }

        scratch.Reset();
        var length = TensorPrimitives.Norm(output);
        if (length <= 1e-12f)
        {
            return false;
        }

        TensorPrimitives.Divide(output, length, output);
        return true;
    }

    /// <summary>Projects already computed <see cref="Weights"/> (saves tokenising the text twice).</summary>
    public bool Project(List<(int Term, float Weight)> weights, Span<float> output)
    {
        output.Clear();
        foreach (var (term, weight) in weights)
        {
            TensorPrimitives.MultiplyAdd(Components.AsSpan(term * Dimensions, Dimensions), weight, output, output);
        }

        var length = TensorPrimitives.Norm(output);
        if (length <= 1e-12f)
        {
            return false;
        }

        TensorPrimitives.Divide(output, length, output);
        return true;
    }

    private void Count(string text, TermScratch scratch)
    {
        Tokenizer.Tokenize(text, scratch.Tokens);
        var tokens = scratch.Tokens;
        for (var i = 0; i < tokens.Count; i++)
        {
            var id = TermId(tokens[i]);
            if (id >= 0)
            {
                scratch.Touch(id);
            }

            var bigram = tokens.Bigram(i);
            if (!bigram.IsEmpty && (id = TermId(bigram)) >= 0)
            {
                scratch.Touch(id);
            }
        }
    }

    /// <summary>Turns raw counts into (1 + ln tf) · idf in place and returns the L2 norm (≥ tiny).</summary>
    private float Normalise(TermScratch scratch)
    {
        double sum = 0;
        for (var i = 0; i < scratch.TouchedCount; i++)
        {
            var t = scratch.Touched[i];
            var w = (1 + MathF.Log(scratch.Counts[t])) * Idf[t];
            scratch.Counts[t] = w;
            sum += w * w;
        }

        return (float)Math.Max(Math.Sqrt(sum), 1e-12);
    }

    private TermScratch Scratch()
    {
        if (t_scratch is null || !ReferenceEquals(t_scratchOwner, this))
        {
            t_scratch = new TermScratch(Vocabulary.Length);
            t_scratchOwner = this;
        }

        return t_scratch;
    }

    public byte[] Serialize()
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(Magic);
            w.Write(Dimensions);
            w.Write(Vocabulary.Length);
            foreach (var term in Vocabulary)
            {
                w.Write(term);
            }

            w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Idf.AsSpan()));
            w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Components.AsSpan()));
            w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(Mean.AsSpan()));
        }

        return ms.ToArray();
    }

    public static LsaModel Deserialize(ReadOnlyMemory<byte> data)
    {
        using var ms = new MemoryStream(data.ToArray(), writable: false);
        using var r = new BinaryReader(ms, Encoding.UTF8);
        if (r.ReadInt32() != Magic)
        {
            throw new InvalidDataException("Not an LSA model blob.");
        }

        var dims = r.ReadInt32();
        var count = r.ReadInt32();
        var vocab = new string[count];
        for (var i = 0; i < count; i++)
        {
            vocab[i] = r.ReadString();
        }

        var idf = ReadFloats(r, count);
        var components = ReadFloats(r, count * dims);
        var mean = ReadFloats(r, dims);
        return new LsaModel(vocab, idf, components, dims, mean);
    }

    private static float[] ReadFloats(BinaryReader r, int count)
    {
        var result = new float[count];
        var bytes = System.Runtime.InteropServices.MemoryMarshal.AsBytes(result.AsSpan());
        if (r.Read(bytes) != bytes.Length)
        {
            throw new InvalidDataException("Truncated LSA model blob.");
        }

        return result;
    }
}
