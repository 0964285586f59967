using ResearchBot.Core.Authors;
using ResearchBot.Core.Papers;

namespace ResearchBot.Storage.Sqlite.Tests;

public sealed class AuthorDirectoryTests
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static PaperRecord Paper(string title, params string[] authors) =>
        new() { Title = title, Source = "test", Authors = [.. authors], Categories = ["q-bio.NC"] };

    [Fact]
    public async Task Find_NameVariantsOfOnePerson_FindOneAuthor()
    {
        using var temp = new TempIndex();
        await temp.Papers.UpsertAsync(
        [
            Paper("Paper number one about brains", "Konrad Kording", "Eva Dyer"),
            Paper("Paper number two about brains", "Konrad P. Kording"),
            Paper("Paper number three about brains", "K. Kording", "Eva L Dyer"),
            Paper("Paper number four about brains", "Körding"),
        ], Ct);

        foreach (var query in new[] { "Kording", "Körding", "konrad kording", "K. Kording", "Konrad P. Körding" })
        {
            var found = await temp.Authors.FindAsync(query, 10, Ct);
            var one = Assert.Single(found);
            Assert.Equal(4, one.PaperCount);
        }

        var profile = await temp.Authors.GetProfileAsync((await temp.Authors.FindAsync("Kording", 1, Ct))[0].Id, Ct);
        Assert.Equal("Konrad Kording", profile!.DisplayName);
        Assert.Contains("Konrad P. Kording", profile.Variants);
        var coauthor = profile.Coauthors.Single();
        Assert.Equal(new NameCount("Eva Dyer", 2) { AuthorId = coauthor.AuthorId }, coauthor);
        // The co-author's directory id, so an "author" button can name them exactly.
        Assert.Equal("Eva Dyer", (await temp.Authors.GetProfileAsync(coauthor.AuthorId!.Value, Ct))!.DisplayName);
    }

    [Fact]
    public async Task Variants_AreTheBylineSpellings_MostUsedFirst_AndFollowAFullerByline()
    {
        using var temp = new TempIndex();
        PaperRecord Arxiv(string id, string title, params string[] authors) => Paper(title, authors) with { ArxivId = id, AuthorsTruncated = authors.Length < 2 };
        await temp.Papers.UpsertAsync(
        [
            Paper("Paper number one about brains", "Konrad P. Kording"),
            Paper("Paper number two about brains", "Konrad P. Kording"),
            Paper("Paper number three about brains", "Konrad P. Kording", "Eva Dyer"),
            Arxiv("2401.00001", "Paper number four about brains", "K. Kording"),
        ], Ct);
        var id = Assert.Single(await temp.Authors.FindAsync("Kording", 5, Ct)).Id;
        Assert.Equal(["Konrad P. Kording", "K. Kording"], (await temp.Authors.GetProfileAsync(id, Ct))!.Variants);

        // The fuller byline of paper four replaces its cut one: "K. Kording" is on no byline any more.
        await temp.Papers.UpsertAsync([Arxiv("2401.00001", "Paper number four about brains", "Konrad Kording", "Eva Dyer")], Ct);
        Assert.Equal(["Konrad P. Kording", "Konrad Kording"], (await temp.Authors.GetProfileAsync(id, Ct))!.Variants);
        Assert.Equal(["Konrad P. Kording", "Konrad Kording"], Assert.Single(await temp.Authors.FindAsync("Kording", 5, Ct)).Variants);
    }

    [Fact]
    public async Task Find_Namesakes_AreListedSeparately()
    {
        using var temp = new TempIndex();
        await temp.Papers.UpsertAsync(
        [
            Paper("Wei's paper on graph learning", "Wei Zhang"),
            Paper("Wen's paper on protein folding", "Wen Zhang"),
            Paper("Another of Wei's on graph learning", "Wei Zhang"),
        ], Ct);

        var both = await temp.Authors.FindAsync("Zhang", 10, Ct);
        Assert.Equal(2, both.Count);
        Assert.Equal("Wei Zhang", both[0].DisplayName); // more papers first
        Assert.Equal(2, both[0].PaperCount);
        Assert.Single(await temp.Authors.FindAsync("Wen Zhang", 10, Ct));
        // "W. Zhang" cannot tell them apart: both are offered.
        Assert.Equal(2, (await temp.Authors.FindAsync("W. Zhang", 10, Ct)).Count);
    }

    [Fact]
    public async Task Find_NoSubstringMatches()
    {
        using var temp = new TempIndex();
        await temp.Papers.UpsertAsync([Paper("A paper by someone named Yujia", "Li Yujia")], Ct);
        Assert.Empty(await temp.Authors.FindAsync("Yu", 10, Ct));
    }

    [Fact]
    public async Task SpellingNeighbours_SuggestsCloseNames()
    {
        using var temp = new TempIndex();
        await temp.Papers.UpsertAsync([Paper("Some neuroscience paper title", "Konrad Kording")], Ct);
        Assert.Contains("Konrad Kording", await temp.Authors.SpellingNeighboursAsync("Kordnig", 5, Ct));
    }

    [Fact]
    public async Task ProfileOf_AuthorMissingFromCutByline_IsStillCredited()
    {
        using var temp = new TempIndex();
        await temp.Papers.UpsertAsync([new PaperRecord { Title = "A paper with a cut author list", Source = "test", Authors = ["Ann Other"], AuthorsTruncated = true, ProfileOf = "Konrad Kording" }], Ct);

        var found = Assert.Single(await temp.Authors.FindAsync("Kording", 10, Ct));
        Assert.Equal(1, found.PaperCount);
    }

    [Fact]
    public async Task SaveMetrics_RoundTripsWithSource()
    {
        using var temp = new TempIndex();
        await temp.Papers.UpsertAsync([Paper("Some neuroscience paper title", "Konrad Kording")], Ct);
        var id = (await temp.Authors.FindAsync("Kording", 1, Ct))[0].Id;

        await temp.Authors.SaveMetricsAsync(id, new AuthorMetrics { Source = "OpenAlex", HIndex = 70, Citations = 30_000, RetrievedAt = temp.Clock.GetUtcNow() }, Ct);
        await temp.Authors.SaveMetricsAsync(id, new AuthorMetrics { Source = "OpenAlex", HIndex = 71, RetrievedAt = temp.Clock.GetUtcNow() }, Ct);

        var metrics = Assert.Single((await temp.Authors.GetProfileAsync(id, Ct))!.Metrics);
        Assert.Equal(71, metrics.HIndex);
        Assert.Equal("OpenAlex", metrics.Source);
    }

    [Fact]
    public async Task Suggest_PrefixOfSurname_CompletesName()
    {
        using var temp = new TempIndex();
        await temp.Papers.UpsertAsync([Paper("Some neuroscience paper title", "Konrad Kording")], Ct);
        Assert.Equal("Konrad Kording", Assert.Single(await temp.Authors.SuggestAsync("kord", 5, Ct)).DisplayName);
        Assert.Equal("Konrad Kording", Assert.Single(await temp.Authors.SuggestAsync("Konrad Kor", 5, Ct)).DisplayName);
    }
}
