using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;
using ResearchBot.Similarity.Embedding;
using ResearchBot.Similarity.Neural;

namespace ResearchBot.Similarity;

/// <summary>
/// The engine <c>Similarity:Engine</c> chose at start-up: the LSA index, or a <see cref="NeuralSimilarityIndex"/> over
/// the keyed <see cref="ITextEmbedder"/> of that name (<c>"MiniLm"</c>, <c>"ArcticXs"</c>: whoever provides a model
/// registers it under that key), which answers with LSA until it has embedded every paper.
/// </summary>
public sealed class SimilarityEngines : IDisposable
{
    /// <summary>Neural engines in the order <see cref="SimilarityEngine.Auto"/> tries them.</summary>
    public static readonly IReadOnlyList<SimilarityEngine> NeuralEngines = [SimilarityEngine.MiniLm, SimilarityEngine.ArcticXs];

    public SimilarityEngines(IServiceProvider services, IOptions<SimilarityOptions> options, LsaSimilarityIndex lsa, ILogger<SimilarityEngines> logger)
    {
        Lsa = lsa;
        var configured = options.Value.Engine;
        Chosen = Choose(configured, services.GetService<IServiceProviderIsKeyedService>());
        if (Chosen != SimilarityEngine.Lsa)
        {
            var embedder = services.GetRequiredKeyedService<ITextEmbedder>(Chosen.ToString());
            Neural = ActivatorUtilities.CreateInstance<NeuralSimilarityIndex>(services, embedder);
        }

        Log.EngineChosen(logger, Chosen.ToString(), configured.ToString());
    }

    /// <summary>The engine in use (never <see cref="SimilarityEngine.Auto"/>).</summary>
    public SimilarityEngine Chosen { get; }

    public LsaSimilarityIndex Lsa { get; }

    /// <summary>The neural engine, when one was chosen.</summary>
    public NeuralSimilarityIndex? Neural { get; }

    /// <summary>What answers <c>/similar</c>.</summary>
    public ISimilarityIndex Active => (ISimilarityIndex?)Neural ?? Lsa;

    /// <summary>Resolves <see cref="SimilarityEngine.Auto"/>: the first neural model registered, else LSA.</summary>
    public static SimilarityEngine Choose(SimilarityEngine configured, IServiceProviderIsKeyedService? keyed) =>
        configured != SimilarityEngine.Auto ? configured
            : NeuralEngines.FirstOrDefault(e => IsInstalled(e, keyed), SimilarityEngine.Lsa);

    public static bool IsInstalled(SimilarityEngine engine, IServiceProviderIsKeyedService? keyed) =>
        keyed?.IsKeyedService(typeof(ITextEmbedder), engine.ToString()) == true;

    /// <summary>The neural engine is made here, not by the container, so it is disposed here.</summary>
    public void Dispose() => Neural?.Dispose();

    /// <summary>Warms the chosen engine (LSA as well while the neural one is incomplete).</summary>
    public Task<bool> EnsureReadyAsync(CancellationToken cancellationToken) =>
        Neural?.EnsureReadyAsync(cancellationToken) ?? Lsa.EnsureReadyAsync(cancellationToken);
}

/// <summary>Refuses a neural <c>Similarity:Engine</c> whose model is not installed (no keyed <see cref="ITextEmbedder"/>).</summary>
internal sealed class SimilarityEngineInstalled(IServiceProvider services) : IValidateOptions<SimilarityOptions>
{
    public ValidateOptionsResult Validate(string? name, SimilarityOptions options) =>
        // Undefined values are the [EnumDataType] rule's to report (one line per bad key).
        options.Engine is not (SimilarityEngine.MiniLm or SimilarityEngine.ArcticXs)
        || SimilarityEngines.IsInstalled(options.Engine, services.GetService<IServiceProviderIsKeyedService>())
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Similarity:Engine is {options.Engine}, but that model is not installed in this build; use Lsa or Auto.");
}

/// <summary>Forwards new papers to the neural engine, when one was chosen (LSA has its own listener).</summary>
internal sealed class NeuralPaperListener(SimilarityEngines engines) : IPaperAddedListener
{
    public ValueTask OnPapersAddedAsync(IReadOnlyList<Paper> added, CancellationToken cancellationToken) =>
        engines.Neural?.OnPapersAddedAsync(added, cancellationToken) ?? ValueTask.CompletedTask;
}

/// <summary>Forwards new model versions to the neural engine, when one was chosen (LSA has its own listener).</summary>
internal sealed class NeuralModelListener(SimilarityEngines engines) : ISimilarityModelListener
{
    public ValueTask OnModelStoredAsync(string kind, int version, CancellationToken cancellationToken) =>
        engines.Neural?.OnModelStoredAsync(kind, version, cancellationToken) ?? ValueTask.CompletedTask;
}

/// <summary>
/// <see cref="IPaperVectors"/> of whichever engine answers: the neural one once it has switched, before that (and with
/// LSA chosen) the LSA implementation registered under the key <c>"Lsa"</c>, if any. The space id changes at the
/// switch, so learners re-project from the papers.
/// </summary>
internal sealed class EngineSwitchingPaperVectors(SimilarityEngines engines, [FromKeyedServices("Lsa")] IPaperVectors? lsa = null) : IPaperVectors
{
    private IPaperVectors? Active => engines.Neural is { IsComplete: true } neural ? neural : lsa;

    public string? SpaceId => Active?.SpaceId;

    public int Dimensions => Active?.Dimensions ?? 0;

    public ValueTask<IReadOnlyList<float[]?>> VectorsOfAsync(IReadOnlyList<Paper> papers, CancellationToken cancellationToken) =>
        Active?.VectorsOfAsync(papers, cancellationToken) ?? ValueTask.FromResult<IReadOnlyList<float[]?>>(new float[]?[papers.Count]);
}
