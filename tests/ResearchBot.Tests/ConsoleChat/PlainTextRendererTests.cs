using ResearchBot.ConsoleChat;
using ResearchBot.Core.Replies;

namespace ResearchBot.Tests.ConsoleChat;

public sealed class PlainTextRendererTests
{
    [Fact]
    public void Render_FullReply_ShowsEveryPartInOrder()
    {
        var reply = new Reply
        {
            Title = "Konrad Kording",
            TitleUrl = "https://example.org/k",
            Body = "Also written as K. Kording.",
            Fields = [new ReplyField("Papers", "24 papers"), new ReplyField("h-index", "6")],
            Sections = [new ReplySection("Topics", ["q-bio.NC (5)"])],
            PapersHeading = "Recent papers",
            Papers = [new PaperItem("Compiling to recurrent neurons", "https://arxiv.org/abs/2511.00001", "J. V.-G. et al. · 2025", Why: "shared: neurons, compiling")],
            Footer = "Sources named.",
        };

        var text = PlainTextRenderer.Render(reply, ["/tmp/chart.png"]);

        var order = new[] { "Konrad Kording", "https://example.org/k", "Also written", "24 papers", "Topics:", "Recent papers:", " 1. Compiling to recurrent neurons", "why: shared", "Chart: /tmp/chart.png", "Sources named." };
        var last = -1;
        foreach (var part in order)
        {
            var at = text.IndexOf(part, StringComparison.Ordinal);
            Assert.True(at > last, $"'{part}' out of order in:\n{text}");
            last = at;
        }
    }

    [Fact]
    public void Render_ErrorWithoutTitle_IsMarked() =>
        Assert.StartsWith("! Nope", PlainTextRenderer.Render(Reply.Error("Nope")), StringComparison.Ordinal);
}
