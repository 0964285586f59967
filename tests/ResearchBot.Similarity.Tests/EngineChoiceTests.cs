using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;
using ResearchBot.Similarity.Embedding;
using ResearchBot.Similarity.Neural;
using ResearchBot.TestKit;

namespace ResearchBot.Similarity.Tests;

/// <summary><c>Similarity:Engine</c> picks the engine behind <see cref="ISimilarityIndex"/> at start-up.</summary>
public sealed class EngineChoiceTests
{
    [Theory]
    [InlineData(null, new string[0], typeof(LsaSimilarityIndex))]
    [InlineData("Lsa", new[] { "MiniLm" }, typeof(LsaSimilarityIndex))]
    [InlineData("MiniLm", new[] { "MiniLm" }, typeof(NeuralSimilarityIndex))]
    [InlineData("ArcticXs", new[] { "MiniLm", "ArcticXs" }, typeof(NeuralSimilarityIndex))]
    [InlineData("Auto", new string[0], typeof(LsaSimilarityIndex))]
    [InlineData("Auto", new[] { "ArcticXs" }, typeof(NeuralSimilarityIndex))]
    public void Engine_ChosenByConfiguration(string? configured, string[] installed, Type expected)
    {
        using var f = new SimilarityFixture();
        using var services = Build(f, configured, installed);

        var index = services.GetRequiredService<ISimilarityIndex>();

        Assert.IsType(expected, index);
        if (index is NeuralSimilarityIndex neural)
        {
            var chosen = services.GetRequiredService<SimilarityEngines>().Chosen;
            Assert.Equal(installed.Contains(configured) ? configured : installed[0], chosen.ToString());
            Assert.Equal($"neural/{chosen}", neural.Kind);
            Assert.Single(services.GetRequiredService<IEnumerable<Core.Ingestion.IPaperAddedListener>>().OfType<NeuralPaperListener>());
        }
    }

    [Fact]
    public void NeuralEngineNotInstalled_IsAConfigurationError()
    {
        using var f = new SimilarityFixture();
        using var services = Build(f, "MiniLm", []);

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SimilarityOptions>>().Value);

        Assert.Contains("Similarity:Engine is MiniLm, but that model is not installed", error.Message);
    }

    [Fact]
    public async Task PaperVectors_AreNullBeforeTheSwitch_WithoutAnLsaImplementation()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();
        using var services = Build(f, "MiniLm", ["MiniLm"]);
        var vectors = services.GetRequiredService<IPaperVectors>();
        var paper = (await f.Papers.FindByTitleAsync("Compiling to linear neurons", 1, TestContext.Current.CancellationToken))[0].Paper;

        Assert.Null(vectors.SpaceId);
        Assert.Equal([null], await vectors.VectorsOfAsync([paper], TestContext.Current.CancellationToken));
    }

    private static ServiceProvider Build(SimilarityFixture f, string? engine, string[] installed)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(engine is null ? [] : [new("Similarity:Engine", engine)]).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddSingleton<IPaperIndex>(f.Papers);
        services.AddSingleton<ISimilarityStore>(f.Store);
        services.AddSingleton<IKeywordNeighbourSearch>(f.Keywords);
        foreach (var name in installed)
        {
            services.AddKeyedSingleton<ITextEmbedder>(name, new HashingTextEmbedder(modelId: name));
        }

        services.AddSimilarity();
        return services.BuildServiceProvider(); // the host builds with ValidateOnBuild (eval needs a scratch index factory, not here)
    }
}
