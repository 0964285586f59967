using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Configuration;
using ResearchBot.Similarity.Embedding;

namespace ResearchBot.Similarity.Onnx;

public static class OnnxServiceCollectionExtensions
{
    /// <summary>
    /// The packaged sentence-embedding models as <see cref="ITextEmbedder"/>s keyed by their name (<c>"MiniLm"</c>,
    /// <c>"ArcticXs"</c>), which is how <c>Similarity:Engine</c> finds the model it names; the settings of section
    /// <c>Similarity:Embedder</c> apply to both. The unkeyed <see cref="ITextEmbedder"/> (the eval verb's) is the one
    /// <c>Similarity:Embedder:Model</c> names. A model loads on first use (about a second), not at start-up.
    /// </summary>
    public static IServiceCollection AddOnnxTextEmbedder(this IServiceCollection services)
    {
        services.AddValidatedOptions<OnnxEmbedderOptions>(OnnxEmbedderOptions.Section);
        foreach (var kind in Enum.GetValues<SentenceModelKind>())
        {
            services.TryAddKeyedSingleton<ITextEmbedder>(kind.ToString(), (sp, _) => new OnnxTextEmbedder(For(sp.GetRequiredService<IOptions<OnnxEmbedderOptions>>().Value, kind)));
        }

        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<ITextEmbedder>(sp.GetRequiredService<IOptions<OnnxEmbedderOptions>>().Value.Model.ToString()));
        return services;
    }

    /// <summary>The configured settings with <paramref name="model"/> as the model.</summary>
    private static OnnxEmbedderOptions For(OnnxEmbedderOptions configured, SentenceModelKind model) => new()
    {
        Model = model,
        MaxTokens = configured.MaxTokens,
        Text = configured.Text,
        Int8 = configured.Int8,
        BatchSize = configured.BatchSize,
        Threads = configured.Threads,
        Provider = configured.Provider,
        CudaDevice = configured.CudaDevice,
    };
}
