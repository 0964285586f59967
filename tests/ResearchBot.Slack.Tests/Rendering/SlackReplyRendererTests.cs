using System.Collections.Immutable;
using System.Text.Json;
using ResearchBot.Core.Replies;
using ResearchBot.Slack.Rendering;
using ResearchBot.Slack.WebApi;

namespace ResearchBot.Slack.Tests.Rendering;

/// <summary>Block Kit limits (SDOCS reference/block-kit/blocks) and mention safety (messaging/formatting-message-text).</summary>
public sealed class SlackReplyRendererTests
{
    private static string Json(SlackMessage message) => JsonSerializer.Serialize(SlackResponseBody.From(message), SlackJson.Options);

    private static IEnumerable<string> AllTexts(SlackMessage message)
    {
        yield return message.Text;
        foreach (var block in message.Blocks)
        {
            switch (block)
            {
                case HeaderBlock: break; // plain_text: shown literally, never parsed for mentions
                case SectionBlock s:
                    if (s.Text is not null)
                    {
                        yield return s.Text.Text;
                    }

                    foreach (var f in s.Fields ?? [])
                    {
                        yield return f.Text;
                    }

                    break;
                case ContextBlock c:
                    foreach (var e in c.Elements)
                    {
                        yield return e.Text;
                    }

                    break;
            }
        }
    }

    [Theory]
    [InlineData("<!channel> look")]
    [InlineData("<!here|here>")]
    [InlineData("<!everyone>")]
    [InlineData("<@U024BE7LH> hi")]
    [InlineData("<!subteam^S123|team>")]
    [InlineData("<#C123> and <https://evil.example|click>")]
    public void Render_HostileTextEverywhere_NoMentionOrLinkSurvives(string hostile)
    {
        var reply = new Reply
        {
            Title = hostile,
            Body = hostile,
            Fields = [new ReplyField(hostile, hostile)],
            PapersHeading = hostile,
            Papers = [new PaperItem(hostile, "https://arxiv.org/abs/2401.00001", hostile, hostile, hostile)],
            Sections = [new ReplySection(hostile, [hostile])],
            Footer = hostile,
        };

        var message = SlackReplyRenderer.Render(reply);
        var json = Json(message);

        foreach (var text in AllTexts(message))
        {
            Assert.DoesNotContain("<!", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<@", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<#", text, StringComparison.Ordinal);
            Assert.DoesNotContain("<https://evil", text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("\"verbatim\":false", json, StringComparison.Ordinal);
        Assert.All(message.Blocks.OfType<HeaderBlock>(), h => Assert.Equal("plain_text", h.Text.Type));
    }

    [Fact]
    public void Escape_OnlyAmpersandAndAngleBrackets()
    {
        Assert.Equal("a &amp; b &lt;c&gt; *d* _e_ \"f\" 'g'", SlackMrkdwn.Escape("a & b <c> *d* _e_ \"f\" 'g'"));
    }

    [Fact]
    public void Link_NonHttpScheme_RendersLabelOnly()
    {
        Assert.Equal("x", SlackMrkdwn.Link("javascript:alert(1)", "x"));
        Assert.Equal("<https://a.example/?q=1&amp;r=%7C2|t &lt;1&gt;>", SlackMrkdwn.Link("https://a.example/?q=1&r=|2", "t <1>"));
    }

    [Fact]
    public void Render_HundredPapers_AtMostFiftyBlocksEndingWithNote()
    {
        var papers = Enumerable.Range(1, 100).Select(i => new PaperItem($"Paper {i}", $"https://arxiv.org/abs/2401.{i:00000}", "meta")).ToImmutableArray();

        var message = SlackReplyRenderer.Render(new Reply { Title = "Results", PapersHeading = "Papers", Papers = papers });

        Assert.Equal(SlackLimits.MaxBlocks, message.Blocks.Count);
        var note = Assert.IsType<ContextBlock>(message.Blocks[^1]);
        Assert.Contains("more not shown", note.Elements[0].Text, StringComparison.Ordinal);
        Assert.False(message.UnfurlLinks); // a list does not unfurl
    }

    [Fact]
    public void Render_LongBodyAndLongTitle_SectionsWithin3000AndHeaderWithin150()
    {
        var body = string.Join('\n', Enumerable.Range(0, 400).Select(i => $"line {i} with <angle> & ampersand"));
        var message = SlackReplyRenderer.Render(new Reply { Title = new string('T', 400), Body = body + "\n" + new string('x', 5000) });

        var header = Assert.IsType<HeaderBlock>(message.Blocks[0]);
        Assert.True(header.Text.Text.Length <= SlackLimits.MaxHeaderText);
        var sections = message.Blocks.OfType<SectionBlock>().ToList();
        Assert.True(sections.Count > 4);
        Assert.All(sections, s => Assert.InRange(s.Text!.Text.Length, 1, SlackLimits.MaxSectionText));
        Assert.True(message.Text.Length <= SlackLimits.MaxFallbackText);
        Assert.DoesNotContain(sections, s => s.Text!.Text.EndsWith("&am…", StringComparison.Ordinal));
    }

    [Fact]
    public void Render_ManyFields_ChunkedTenPerSection()
    {
        var fields = Enumerable.Range(1, 23).Select(i => new ReplyField("Name " + i, new string('v', 3000))).ToImmutableArray();

        var message = SlackReplyRenderer.Render(new Reply { Fields = fields });

        var sections = message.Blocks.OfType<SectionBlock>().Where(s => s.Fields is not null).ToList();
        Assert.Equal(3, sections.Count);
        Assert.All(sections, s => Assert.InRange(s.Fields!.Count, 1, SlackLimits.MaxSectionFields));
        Assert.All(sections.SelectMany(s => s.Fields!), f => Assert.True(f.Text.Length <= SlackLimits.MaxFieldText));
    }

    [Fact]
    public void Render_Footer_OneContextElement()
    {
        var message = SlackReplyRenderer.Render(new Reply { Body = "b", Footer = "Source: arXiv" });

        var context = Assert.IsType<ContextBlock>(message.Blocks[^1]);
        Assert.InRange(context.Elements.Count, 1, SlackLimits.MaxContextElements);
    }

    [Fact]
    public void Render_Visibility_MapsToResponseType()
    {
        Assert.Equal("in_channel", SlackResponseBody.From(SlackReplyRenderer.Render(new Reply { Body = "x" })).ResponseType);
        Assert.Equal("ephemeral", SlackResponseBody.From(SlackReplyRenderer.Render(Reply.Error("bad input"))).ResponseType);
        Assert.Equal("ephemeral", SlackResponseBody.From(SlackReplyRenderer.Render(Reply.Info("subscribed"))).ResponseType);
    }

    [Fact]
    public void Render_SinglePaper_UnfurlsLinkButNotMedia()
    {
        var message = SlackReplyRenderer.Render(new Reply { Title = "A paper", TitleUrl = "https://arxiv.org/abs/1706.03762" });

        Assert.True(message.UnfurlLinks);
        Assert.False(message.UnfurlMedia);
        var section = Assert.IsType<SectionBlock>(message.Blocks[0]);
        Assert.Equal("*<https://arxiv.org/abs/1706.03762|A paper>*", section.Text!.Text);
    }

    [Fact]
    public void Render_EmptyReply_StillHasFallbackText()
    {
        var message = SlackReplyRenderer.Render(new Reply());

        Assert.Equal("ResearchBot", message.Text);
        Assert.Empty(message.Blocks);
    }

    [Fact]
    public void Serialize_Blocks_UseSlackTypeNamesAndSnakeCase()
    {
        var json = Json(SlackReplyRenderer.Render(new Reply { Title = "T", Body = "B", Footer = "F" }));

        Assert.Contains("\"type\":\"header\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"section\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"context\"", json, StringComparison.Ordinal);
        Assert.Contains("\"response_type\":\"in_channel\"", json, StringComparison.Ordinal);
        Assert.Contains("\"verbatim\":true", json, StringComparison.Ordinal);
    }
}
