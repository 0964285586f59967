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

    public string ModelId { get; } = modelId;
    public PcaReduction Pca { get; } = pca;

    /// <summary>Vocabulary and idf only (0 dimensions).</summary>
    public LsaModel Terms { get; } = terms;

    public int Dimensions => Pca.Dimensions;

    /// <summary>The database version, set once the model is saved.</summary>
    public int Version { get; set; }

    public static string KindOf(string modelId) => "neural/" + modelId;

    public byte[] Serialize()
    {
        using var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
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
        if (r.ReadInt32() != Magic)
        {
            throw new InvalidDataException("Not a neural model blob.");
        }

        var id = r.ReadString();
        var pca = PcaReduction.Read(r);
        var length = r.ReadInt32();
        var terms = LsaModel.Deserialize(r.ReadBytes(length));
        return new NeuralModel(id, pca, terms);
    }
}
