using ResearchBot.Similarity.Onnx;

[assembly: AssemblyFixture(typeof(ResearchBot.Similarity.Onnx.Tests.ModelFixture))]

namespace ResearchBot.Similarity.Onnx.Tests;

/// <summary>The packaged models, loaded once for the whole test assembly (each load takes about a second).</summary>
public sealed class ModelFixture : IDisposable
{
    private readonly Lazy<OnnxTextEmbedder> _miniLm = new(() => new OnnxTextEmbedder(new OnnxEmbedderOptions { Model = SentenceModelKind.MiniLm, Int8 = false, MaxTokens = 256 }));
    private readonly Lazy<OnnxTextEmbedder> _miniLmInt8 = new(() => new OnnxTextEmbedder(new OnnxEmbedderOptions { Model = SentenceModelKind.MiniLm, Int8 = true, MaxTokens = 256 }));
    private readonly Lazy<OnnxTextEmbedder> _arctic = new(() => new OnnxTextEmbedder(new OnnxEmbedderOptions { Model = SentenceModelKind.ArcticXs, Int8 = false, MaxTokens = 128 }));

    /// <summary>all-MiniLM-L6-v2 in float, as packaged, at its 256-token limit.</summary>
    public OnnxTextEmbedder MiniLm => _miniLm.Value;

    /// <summary>The same with its matrix products in int8.</summary>
    public OnnxTextEmbedder MiniLmInt8 => _miniLmInt8.Value;

    /// <summary>arctic-embed-xs in float.</summary>
    public OnnxTextEmbedder Arctic => _arctic.Value;

    public void Dispose()
    {
        foreach (var m in new[] { _miniLm, _miniLmInt8, _arctic })
        {
            if (m.IsValueCreated)
            {
                m.Value.Dispose();
            }
        }
    }
}
