using System.Collections.Immutable;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Parsing;
using ResearchBot.Core.Commands.Similar;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;

namespace ResearchBot.Similarity.Tests;

public sealed class SimilarCommandTests
{
    [Fact]
    public async Task Similar_CompilingToLinearNeurons_TopIsCompilingToRecurrentNeurons()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();

        var reply = await RunAsync(f, "Compiling to linear neurons");

        Assert.Equal(ReplyKind.Result, reply.Kind);
        Assert.Equal("Compiling to recurrent neurons", reply.Papers[0].Title);
        Assert.Contains("shared:", reply.Papers[0].Why);
        Assert.DoesNotContain(reply.Papers, p => p.Title == "Compiling to linear neurons");
    }

    [Fact]
    public async Task Similar_LimitSinceAndCategory_AreApplied()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();
        var ct = TestContext.Current.CancellationToken;

        var reply = await RunAsync(f, "Compiling to linear neurons limit:3 since:2015 cat:q-bio.NC");

        Assert.InRange(reply.Papers.Length, 1, 3);
        foreach (var item in reply.Papers)
        {
            var paper = (await f.Papers.GetAsync(item.Id!, ct))!;
            Assert.True(paper.Published!.Value.Year >= 2015);
            Assert.Contains("q-bio.NC", paper.Categories);
        }
    }

    [Fact]
    public async Task Similar_Description_AnswersAsDescription()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();

        var reply = await RunAsync(f, "how dopamine neurons encode reward prediction errors in the brain");

        Assert.Equal(ReplyKind.Result, reply.Kind);
        Assert.StartsWith("Papers matching your description", reply.Title);
        Assert.NotEmpty(reply.Papers);
    }

    [Fact]
    public async Task Similar_PartOfSeveralTitles_AsksToPick()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();

        var reply = await RunAsync(f, "Compiling to neurons");

        Assert.StartsWith("Several papers match", reply.Title);
        Assert.Contains(reply.Papers, p => p.Title == "Compiling to linear neurons");
        Assert.Contains(reply.Papers, p => p.Title == "Compiling to recurrent neurons");
    }

    [Fact]
    public async Task Similar_WordsFromManyTitles_IsADescriptionNotAPickList()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();

        var reply = await RunAsync(f, "spiking neurons learning rules");

        Assert.StartsWith("Papers matching your description", reply.Title);
    }

    [Theory]
    [InlineData("https://example.com/paper/1")]
    [InlineData("https://arxiv.org/abs/not-an-id")]
    public async Task Similar_UnsupportedOrMalformedLink_OneClearLine(string input)
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();

        var reply = await RunAsync(f, input);

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.DoesNotContain("\n", reply.Body!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Similar_MissingArxivPaper_SaysNotInIndex()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();

        var reply = await RunAsync(f, "https://arxiv.org/pdf/2401.99999v1.pdf");

        Assert.Equal(ReplyKind.Info, reply.Kind);
        Assert.Contains("not in the index", reply.Body);
    }

    [Fact]
    public async Task Similar_NeuralEngineStillEmbedding_FooterSaysAnswersUseLsa()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        using var neural = f.NewNeuralIndex(new TestKit.HashingTextEmbedder());

        var reply = await RunAsync(f, "Compiling to linear neurons", neural);

        Assert.Equal("Compiling to recurrent neurons", reply.Papers[0].Title);
        Assert.StartsWith("LSA", reply.Footer);
        Assert.EndsWith("neural index 0 %: answers use LSA until it is complete", reply.Footer);
    }

    [Fact]
    public async Task Similar_NeuralEngine_EndToEndOnTheDemoData()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        using var neural = f.NewNeuralIndex(new TestKit.HashingTextEmbedder());
        await neural.EmbedMissingAsync(TestContext.Current.CancellationToken);

        var reply = await RunAsync(f, "Compiling to linear neurons", neural);
        var described = await RunAsync(f, "how dopamine neurons encode reward prediction errors in the brain", neural);

        Assert.Equal(ReplyKind.Result, reply.Kind);
        Assert.Equal("Compiling to recurrent neurons", reply.Papers[0].Title);
        Assert.Contains("shared:", reply.Papers[0].Why);
        Assert.StartsWith("neural hashing-bow/256 → 64 dims", reply.Footer);
        Assert.DoesNotContain("answers use LSA", reply.Footer);
        Assert.DoesNotContain(reply.Papers, p => p.Title == "Compiling to linear neurons");
        Assert.StartsWith("Papers matching your description", described.Title);
        Assert.NotEmpty(described.Papers);
    }

    private static async Task<Reply> RunAsync(SimilarityFixture f, string text, Core.Similarity.ISimilarityIndex? index = null)
    {
        var command = new SimilarCommand(f.Resolver, index ?? f.Index);
        var (arguments, error) = ArgumentBinder.BindText(command.Spec, text);
        Assert.Null(error);
        var result = await command.ExecuteAsync(new CommandContext(new ChannelAddress("console", "local", "test"), "tester", false), arguments!, TestContext.Current.CancellationToken);
        return result.ToReply();
    }
}
