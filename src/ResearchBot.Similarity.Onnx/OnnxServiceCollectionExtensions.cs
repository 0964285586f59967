using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Configuration;
using ResearchBot.Similarity.Embedding;

namespace ResearchBot.Similarity.Onnx;

public static class OnnxServiceCollectionExtensions
{
    /// <summary>
    /// The packaged sentence-embedding model (section <c>Similarity:Embedder</c>) as the <see cref="ITextEmbedder"/>.
    /// The model loads on first use (about a second), not at start-up.
    /// </summary>
    public static IServiceCollection AddOnnxTextEmbedder(this IServiceCollection services)
    {
        services.AddValidatedOptions<OnnxEmbedderOptions>(OnnxEmbedderOptions.Section);
        services.TryAddSingleton(sp => new OnnxTextEmbedder(sp.GetRequiredService<IOptions<OnnxEmbedderOptions>>().Value));
        services.TryAddSingleton<ITextEmbedder>(sp => sp.GetRequiredService<OnnxTextEmbedder>());
        return services;
    }
}
