using System.Collections.Immutable;
using ResearchBot.Core.Replies;
using ResearchBot.Discord.Rendering;

namespace ResearchBot.Discord.Tests.Rendering;

public sealed class DiscordReplyRendererTests
{
    private readonly DiscordReplyRenderer _renderer = new();

    private static PaperItem Paper(int i, int titleLength = 80, int snippet = 300) =>
        new(new string('T', titleLength) + i, $"https://arxiv.org/abs/2401.{i:00000}", "A. Author, B. Author · 2024 · cs.LG", new string('s', snippet), null, $"2401.{i:00000}");

    private static void AssertWithinLimits(DiscordMessage message)
    {
        Assert.InRange(message.Embeds.Length, 0, DiscordLimits.Embeds);
        Assert.InRange(message.Content?.Length ?? 0, 0, DiscordLimits.Content);
        Assert.InRange(message.Embeds.Sum(e => e.CountedLength), 0, DiscordLimits.EmbedTotal);
        foreach (var e in message.Embeds)
        {
            Assert.InRange(e.Title?.Length ?? 0, 0, DiscordLimits.Title);
            Assert.InRange(e.Description?.Length ?? 0, 0, DiscordLimits.Description);
            Assert.InRange(e.Fields?.Length ?? 0, 0, DiscordLimits.Fields);
            Assert.InRange(e.Footer?.Text.Length ?? 0, 0, DiscordLimits.Footer);
            foreach (var f in e.Fields ?? [])
            {
                Assert.InRange(f.Name.Length, 1, DiscordLimits.FieldName);
                Assert.InRange(f.Value.Length, 1, DiscordLimits.FieldValue);
            }
        }

        Assert.Empty(message.AllowedMentions.Parse);
    }

    [Fact]
    public void Render_LongTitle_ClipsTo256WithEllipsis()
    {
        var message = _renderer.Render(new Reply { Title = new string('a', 300), Body = "b" }, ephemeral: false);

        AssertWithinLimits(message);
        Assert.Equal(256, message.Embeds[0].Title!.Length);
        Assert.EndsWith("…", message.Embeds[0].Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongDescription_ClipsTo4096()
    {
        var message = _renderer.Render(new Reply { Title = "t", Body = string.Join(' ', Enumerable.Repeat("word", 2000)) }, ephemeral: false);

        AssertWithinLimits(message);
        Assert.EndsWith("…", message.Embeds[0].Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ManyFields_StaysWithin25PerEmbedAnd1024PerValue()
    {
        var fields = Enumerable.Range(0, 40).Select(i => new ReplyField("f" + i, new string('v', 2000))).ToImmutableArray();

        var message = _renderer.Render(new Reply { Title = "t", Fields = fields }, ephemeral: false);

        AssertWithinLimits(message);
        Assert.Contains(message.Embeds.SelectMany(e => e.Fields ?? []), f => f.Value.EndsWith('…'));
    }

    [Fact]
    public void Render_ManyLongPapers_KeepsTheTotalUnder6000AndSaysHowManyMore()
    {
        var papers = Enumerable.Range(1, 40).Select(i => Paper(i, 200, 600)).ToImmutableArray();

        var message = _renderer.Render(new Reply { Title = "Similar papers", Body = "Found 40.", Papers = papers, Footer = "Source: arXiv" }, ephemeral: false);

        AssertWithinLimits(message);
        var text = string.Join("\n", message.Embeds.Select(e => e.Description));
        Assert.Contains("more", text, StringComparison.Ordinal);
        Assert.Contains("](https://arxiv.org/abs/2401.00001)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_TwelveEmbedsWorthOfText_NeverExceedsTenEmbeds()
    {
        var papers = Enumerable.Range(1, 25).Select(i => Paper(i, 250, 600)).ToImmutableArray();
        var sections = Enumerable.Range(0, 30).Select(i => new ReplySection("s" + i, ["line"])).ToImmutableArray();

        var message = _renderer.Render(new Reply { Title = "t", Papers = papers, Sections = sections }, ephemeral: false);

        AssertWithinLimits(message);
    }

    [Fact]
    public void Render_EveryoneInTitle_StaysInert()
    {
        var message = _renderer.Render(new Reply { Title = "@everyone look @here", Body = "<@123> and <@&456> **bold**" }, ephemeral: false);

        AssertWithinLimits(message);
        Assert.DoesNotContain("@everyone", message.Embeds[0].Title, StringComparison.Ordinal);
        Assert.DoesNotContain("@here", message.Embeds[0].Title, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?<!\\)<@", message.Embeds[0].Description!); // every mention opener is escaped
        Assert.Contains("\\*\\*bold\\*\\*", message.Embeds[0].Description, StringComparison.Ordinal);
        var json = System.Text.Json.JsonSerializer.Serialize(message, DiscordJson.Options);
        Assert.Contains("\"allowed_mentions\":{\"parse\":[]}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PrivateReplyForInteraction_SetsEphemeralFlag()
    {
        Assert.Equal(64, _renderer.Render(Reply.Error("nope"), ephemeral: true).Flags);
        Assert.Null(_renderer.Render(Reply.Error("nope"), ephemeral: false).Flags);
        Assert.Null(_renderer.Render(new Reply { Body = "public" }, ephemeral: true).Flags);
    }

    [Fact]
    public void Render_PlainBody_IsContentWithin2000AndKeepsCodeSpans()
    {
        var message = _renderer.Render(Reply.Error("Try `/help search` now. " + new string('x', 3000)), ephemeral: true);

        AssertWithinLimits(message);
        Assert.Empty(message.Embeds);
        Assert.StartsWith("Try `/help search` now.", message.Content, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_PngAttachment_BecomesFileAndEmbedImage()
    {
        var reply = new Reply { Title = "Citations", Attachments = [new ReplyAttachment("chart.png", "image/png", new byte[] { 1 })] };

        var message = _renderer.Render(reply, ephemeral: false);

        Assert.Single(message.Files);
        Assert.Equal("attachment://chart.png", message.Embeds[^1].Image!.Url);
        Assert.Equal("chart.png", message.Attachments!.Value[0].Filename);
    }

    [Theory]
    [InlineData("javascript:alert(1)")]
    [InlineData("not a url")]
    public void Link_NonWebUrl_RendersTextOnly(string url) =>
        Assert.Equal("title", DiscordMarkdown.Link("title", url));

    [Fact]
    public void Escape_MarkdownAndLineStarts_AreNeutralised() =>
        Assert.Equal("\\# h\n\\- item \\_x\\_ \\[a\\](b) \\<@1>", DiscordMarkdown.Escape("# h\n- item _x_ [a](b) <@1>"));
}
