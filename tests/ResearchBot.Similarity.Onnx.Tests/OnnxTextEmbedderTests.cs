using System.Numerics.Tensors;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Core.Papers;
using ResearchBot.Similarity.Embedding;
using ResearchBot.Similarity.Neural;

namespace ResearchBot.Similarity.Onnx.Tests;

public sealed class OnnxTextEmbedderTests(ModelFixture models)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Sentences = ["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."];

    [Fact]
    public void AddOnnxTextEmbedder_EachModelUnderItsEngineName_SoSimilarityEngineFindsIt()
    {
        // Similarity:Engine = MiniLm / ArcticXs / Auto resolve the keyed embedder of that name; the unkeyed one is
        // Similarity:Embedder:Model's. Both follow the section's other settings.
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder()
            .AddInMemoryCollection([new("Similarity:Embedder:Model", "ArcticXs"), new("Similarity:Embedder:MaxTokens", "64")]).Build());
        services.AddOnnxTextEmbedder();
        using var provider = services.BuildServiceProvider();
        var keyed = provider.GetRequiredService<IServiceProviderIsKeyedService>();

        Assert.Equal(SimilarityEngine.MiniLm, SimilarityEngines.Choose(SimilarityEngine.Auto, keyed));
        Assert.True(SimilarityEngines.IsInstalled(SimilarityEngine.ArcticXs, keyed));
        Assert.Equal("minilm-l6-int8/64/mean/ta", provider.GetRequiredKeyedService<ITextEmbedder>("MiniLm").ModelId);
        Assert.Equal("arctic-xs-int8/64/cls/ta", provider.GetRequiredKeyedService<ITextEmbedder>("ArcticXs").ModelId);
        Assert.Same(provider.GetRequiredKeyedService<ITextEmbedder>("ArcticXs"), provider.GetRequiredService<ITextEmbedder>());
    }

    [Fact]
    public async Task OpenProjection_MiniLm_ShipsTheCategoryProjectionFor128Dimensions_AndNothingElse()
    {
        // Fitted on the dev corpus (ResearchBot.Benchmarks neural-projection); the same for float and int8 weights.
        foreach (var model in new[] { models.MiniLm, models.MiniLmInt8 })
        {
            using var stream = model.OpenProjection(128);
            Assert.NotNull(stream);
            using var reader = new BinaryReader(stream);
            var projection = PcaReduction.Read(reader);
            Assert.Equal((384, 128), (projection.InputDimensions, projection.Dimensions));
            Assert.All(projection.Components, c => Assert.True(float.IsFinite(c)));
            Assert.Equal(stream.Length, stream.Position);

            var output = new float[128];
            Assert.True(projection.Reduce((await model.EmbedAsync(["Spiking neural networks"], Ct))[0], output));
            Assert.Equal(1f, TensorPrimitives.Norm(output), 3);
        }

        Assert.Null(models.MiniLm.OpenProjection(96));
        Assert.Null(models.Arctic.OpenProjection(128));
    }

    [Fact]
    public void Tokenize_KnownWords_GivesTheirVocabularyIdsBetweenClsAndSep()
    {
        Assert.Equal([101, 7592, 2088, 102], models.MiniLm.Tokenize("hello world"));
        // Uncased BERT: case and accents go before the vocabulary lookup.
        Assert.Equal(models.MiniLm.Tokenize("hello world"), models.MiniLm.Tokenize("Héllo WORLD"));
    }

    [Fact]
    public void Tokenize_UnknownWord_SplitsIntoWordPiecesOfTheVocabulary()
    {
        var vocabulary = ModelFiles.Read(SentenceModel.MiniLm).Vocabulary.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();

        var ids = models.MiniLm.Tokenize("electroencephalography");

        var pieces = ids[1..^1].Select(id => vocabulary[id]).ToArray();
        Assert.True(pieces.Length > 1);
        Assert.DoesNotContain("[UNK]", pieces);
        Assert.Equal("electroencephalography", string.Concat(pieces.Select(p => p.StartsWith("##", StringComparison.Ordinal) ? p[2..] : p)));
    }

    [Fact]
    public void Tokenize_LongText_IsCutAtMaxTokensWithSepLast()
    {
        var text = string.Join(' ', Enumerable.Repeat("neural networks learn representations", 200));
        using var short64 = new OnnxTextEmbedder(new OnnxEmbedderOptions { MaxTokens = 64, Int8 = false });

        var ids = short64.Tokenize(text);

        Assert.Equal(64, ids.Length);
        Assert.Equal(101, ids[0]);
        Assert.Equal(102, ids[^1]);
        Assert.Equal(256, models.MiniLm.Tokenize(text).Length);
    }

    [Fact]
    public async Task Embed_ReferenceSentences_MatchTheCheckedInVectorsAndSimilarities()
    {
        var reference = JsonSerializer.Deserialize<Dictionary<string, float[][]>>(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "reference-vectors.json"), Ct))!;

        var miniLm = await models.MiniLm.EmbedAsync(Sentences, Ct);
        var arctic = await models.Arctic.EmbedAsync(Sentences, Ct);

        for (var i = 0; i < Sentences.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(miniLm[i], reference["minilm"][i]) >= 0.999f);
            Assert.True(TensorPrimitives.CosineSimilarity(arctic[i], reference["arctic"][i]) >= 0.999f);
        }

        // sentence-transformers' own quick-start output for all-MiniLM-L6-v2 on these sentences: 0.6660, 0.1046, 0.1411.
        Assert.InRange(Dot(miniLm[0], miniLm[1]), 0.660f, 0.672f);
        Assert.InRange(Dot(miniLm[0], miniLm[2]), 0.098f, 0.111f);
        Assert.InRange(Dot(miniLm[1], miniLm[2]), 0.135f, 0.147f);
    }

    [Fact]
    public async Task Embed_Vectors_AreUnitLengthAndRankAParaphraseAboveAnUnrelatedSentence()
    {
        foreach (var model in new[] { models.MiniLm, models.MiniLmInt8, models.Arctic })
        {
            var v = await model.EmbedAsync(["Graph neural networks for molecule property prediction", "Predicting chemical properties of molecules with message passing networks", "A survey of medieval French poetry"], Ct);

            Assert.All(v, x => Assert.Equal(1f, TensorPrimitives.Norm(x), 0.001f));
            Assert.All(v, x => Assert.Equal(model.Dimensions, x.Length));
            Assert.True(Dot(v[0], v[1]) > Dot(v[0], v[2]) + 0.2f, model.ModelId);
        }
    }

    [Fact]
    public async Task Embed_ABatchOfMixedLengths_EqualsOneByOne()
    {
        string[] texts = ["short", "A somewhat longer sentence about protein folding and structure prediction.", "", "Quantum error correction with surface codes at scale, decoders and thresholds, measured on superconducting qubits."];

        var together = await models.MiniLm.EmbedAsync(texts, Ct);

        for (var i = 0; i < texts.Length; i++)
        {
            var alone = (await models.MiniLm.EmbedAsync([texts[i]], Ct))[0];
            Assert.True(TensorPrimitives.CosineSimilarity(together[i], alone) >= 0.9999f, texts[i]);
        }
    }

    [Fact]
    public async Task Int8_StaysCloseToTheFloatModel()
    {
        Assert.Equal(36, models.MiniLmInt8.QuantizedMatMuls); // six layers: Q, K, V, output, two feed-forward
        string[] texts = [.. Sentences, "Sparse attention for long documents reduces memory from quadratic to linear in the sequence length."];

        var exact = await models.MiniLm.EmbedAsync(texts, Ct);
        var quantised = await models.MiniLmInt8.EmbedAsync(texts, Ct);

        for (var i = 0; i < texts.Length; i++)
        {
            Assert.True(TensorPrimitives.CosineSimilarity(exact[i], quantised[i]) >= 0.97f, texts[i]);
        }
    }

    [Fact]
    public async Task Arctic_QueriesCarryThePrefixDocumentsDoNot()
    {
        var asDocument = (await models.Arctic.EmbedAsync(["graph neural networks"], Ct))[0];
        var asQuery = (await models.Arctic.EmbedQueriesAsync(["graph neural networks"], Ct))[0];
        var miniLmQuery = (await models.MiniLm.EmbedQueriesAsync(["graph neural networks"], Ct))[0];
        var miniLmDocument = (await models.MiniLm.EmbedAsync(["graph neural networks"], Ct))[0];

        Assert.True(Dot(asDocument, asQuery) < 0.99f);
        Assert.Equal(miniLmDocument, miniLmQuery);
        Assert.Equal(Pooling.Cls, models.Arctic.Model.Pooling);
        Assert.StartsWith("arctic-xs/128/cls/", models.Arctic.ModelId, StringComparison.Ordinal);
    }

    [Fact]
    public void TextOf_Paper_IsTitleDotAbstractOrLessAsConfigured()
    {
        var paper = new Paper { Seq = 1, Id = "x", Title = "Attention is all you need", Abstract = "We propose the Transformer.", IndexedAt = DateTimeOffset.UnixEpoch };

        Assert.Equal("Attention is all you need. We propose the Transformer.", models.MiniLm.TextOf(paper));
        Assert.Equal("Attention is all you need", OnnxTextEmbedder.TextOf(paper.Title, paper.Abstract, PaperText.Title));
        Assert.Equal("We propose the Transformer.", OnnxTextEmbedder.TextOf(paper.Title, paper.Abstract, PaperText.Abstract));
        Assert.Equal("Is it? We propose the Transformer.", OnnxTextEmbedder.TextOf("Is it?", paper.Abstract, PaperText.TitleAbstract));
        Assert.Equal("Attention is all you need", OnnxTextEmbedder.TextOf(paper.Title, null, PaperText.Abstract));
    }

    [Fact]
    public void Pool_MeanIgnoresPaddingAndClsTakesTheFirstToken()
    {
        // Three tokens of two dimensions, the last one padding.
        float[] states = [1, 0, 0, 1, 100, 100];

        var mean = OnnxTextEmbedder.Pool(states, 2, Pooling.Mean, 2);
        var cls = OnnxTextEmbedder.Pool(states, 2, Pooling.Cls, 2);

        Assert.Equal(MathF.Sqrt(0.5f), mean[0], 1e-6f);
        Assert.Equal(MathF.Sqrt(0.5f), mean[1], 1e-6f);
        Assert.Equal([1f, 0f], cls);
    }

    /// <summary>Writes the reference vectors from the current models (run once, by hand, when a model changes on purpose).</summary>
    [Fact(Explicit = true)]
    public async Task WriteReferenceVectors()
    {
        var json = JsonSerializer.Serialize(new Dictionary<string, float[][]>
        {
            ["minilm"] = await models.MiniLm.EmbedAsync(Sentences, Ct),
            ["arctic"] = await models.Arctic.EmbedAsync(Sentences, Ct),
        });
        await File.WriteAllTextAsync(Path.Combine(Environment.GetEnvironmentVariable("REFERENCE_OUT") ?? AppContext.BaseDirectory, "reference-vectors.json"), json, Ct);
    }

    private static float Dot(float[] a, float[] b) => TensorPrimitives.Dot(a, b);
}
