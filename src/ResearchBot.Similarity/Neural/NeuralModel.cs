using System.Text;
using ResearchBot.Similarity.Model;

namespace ResearchBot.Similarity.Neural;

/// <summary>
/// What the neural engine stores as its model (kind <c>neural/&lt;ModelId&gt;</c>): the embedding model's id, the PCA
/// reduction fitted on a sample of its embeddings, and a TF-IDF vocabulary fitted on the same sample, which names the
/// shared terms ("why similar") and makes the keyword half of hybrid queries without any LSA vectors.
/// </summary>
internal sealed class NeuralModel(string modelId, PcaReduction pca, LsaModel terms)
{
    private const int Magic = 0x314C524E; // "NRL1"
    private const int AugmentedMagic = 0x31414244; // "DBA1": cosine weights (α = 1), written before α was stored
    private const int AugmentedMagic2 = 0x32414244; // "DBA2": with α

    public string ModelId { get; } = modelId;
    public PcaReduction Pca { get; } = pca;

    /// <summary>Vocabulary and idf only (0 dimensions).</summary>
    public LsaModel Terms { get; } = terms;

    public int Dimensions => Pca.Dimensions;

    /// <summary>The database version, set once the model is saved.</summary>
    public int Version { get; set; }

    /// <summary>
    /// Set on the database-side augmented variant of a model (kind <see cref="AugmentedKindOf"/>): which raw version its
    /// vectors were computed from and how. Null on the raw model.
    /// </summary>
    public Augmentation? Augmented { get; init; }

    public static string KindOf(string modelId) => "neural/" + modelId;

    /// <summary>The kind of the augmented variant: its own versions, so a partial pass never hides the complete raw version.</summary>
    public static string AugmentedKindOf(string modelId) => KindOf(modelId) + "+dba";

    /// <summary>The same model marked as the augmented variant of raw version <see cref="Version"/>.</summary>
    public NeuralModel WithAugmentation(Augmentation augmentation) => new(ModelId, Pca, Terms) { Augmented = augmentation };

    /// <summary>A copy carrying another database version (the same reduction and vocabulary).</summary>
    public NeuralModel AtVersion(int version) => new(ModelId, Pca, Terms) { Augmented = Augmented, Version = version };

    public byte[] Serialize()
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            if (Augmented is { } a)
            {
                w.Write(AugmentedMagic2);
                w.Write(a.Exponent);
                w.Write(a.BaseVersion);
                w.Write(a.Neighbours);
                w.Write(a.Papers);
                w.Write(a.Previous);
            }

            w.Write(Magic);
            w.Write(ModelId);
            Pca.Write(w);
            var terms = Terms.Serialize();
            w.Write(terms.Length);
            w.Write(terms);
        }

        return ms.ToArray();
    }

    public static NeuralModel Deserialize(ReadOnlyMemory<byte> data)
    {
        using var ms = new MemoryStream(data.ToArray(), writable: false);
        using var r = new BinaryReader(ms, Encoding.UTF8);
        var magic = r.ReadInt32();
        Augmentation? augmented = null;
        if (magic is AugmentedMagic or AugmentedMagic2)
        {
            var exponent = magic == AugmentedMagic2 ? r.ReadInt32() : 1;
            augmented = new Augmentation(r.ReadInt32(), r.ReadInt32(), r.ReadInt64(), r.ReadInt32(), exponent);
            magic = r.ReadInt32();
        }

        if (magic != Magic)
        {
            throw new InvalidDataException("Not a neural model blob.");
        }

        var id = r.ReadString();
        var pca = PcaReduction.Read(r);
        var length = r.ReadInt32();
        var terms = LsaModel.Deserialize(r.ReadBytes(length));
        return new NeuralModel(id, pca, terms) { Augmented = augmented };
    }
}

/// <summary>How an augmented model version was made (see <see cref="DatabaseAugmentation"/>).</summary>
/// <param name="BaseVersion">The raw model version whose stored vectors the pass read (same reduction and vocabulary).</param>
/// <param name="Neighbours">k: each vector moved toward its k nearest.</param>
/// <param name="Papers">Papers in the raw matrix when the pass began (the growth check counts from it).</param>
/// <param name="Previous">The complete augmented version this pass replaces (0: none); it answers until this one is complete.</param>
/// <param name="Exponent">α: each neighbour weighed cosine^α (<see cref="DatabaseAugmentation.WeightExponent"/>).</param>
internal sealed record Augmentation(int BaseVersion, int Neighbours, long Papers, int Previous, int Exponent = DatabaseAugmentation.WeightExponent)
{
    /// <summary>Whether this pass is the one the configuration asks for over raw version <paramref name="baseVersion"/> (same k and α).</summary>
    public bool Matches(int baseVersion, int neighbours) =>
        BaseVersion == baseVersion && Neighbours == neighbours && Exponent == DatabaseAugmentation.WeightExponent;
}
