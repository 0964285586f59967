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
            services.TryAddKeyedSingleton<ITextEmbedder>(kind.ToString(), (sp, _) => new OnnxTextEmbedder(sp.GetRequiredService<IOptions<OnnxEmbedderOptions>>().Value with { Model = kind }));
        }

        services.TryAddSingleton(sp => sp.GetRequiredKeyedService<ITextEmbedder>(sp.GetRequiredService<IOptions<OnnxEmbedderOptions>>().Value.Model.ToString()));
        return services;
    }
}
