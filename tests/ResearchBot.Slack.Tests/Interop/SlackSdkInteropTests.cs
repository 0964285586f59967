using ResearchBot.TestKit;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Replies;
using ResearchBot.Slack.Http;
using ResearchBot.Slack.Rendering;
using ResearchBot.Slack.Tests.Support;
using ResearchBot.Slack.WebApi;

namespace ResearchBot.Slack.Tests.Interop;

/// <summary>
/// Our bodies against Slack's own SDK types (tsc --strict with @slack/web-api, @slack/types, @slack/bolt) and our
/// signatures against @slack/bolt's verifier (protocols.md Part 4, rows B and F).
/// </summary>
public sealed class SlackSdkInteropTests
{
    private static readonly NodeInterop Node = new("slack");

    private static IEnumerable<(string Name, Reply Reply)> Replies()
    {
        yield return ("rich", new Reply
        {
            Title = "Konrad Kording",
            TitleUrl = "https://scholar.example/kording",
            Body = "Neuroscientist & ML <researcher>.\n\nSecond paragraph.",
            Fields = [new ReplyField("Papers", "124"), new ReplyField("h-index", "57"), new ReplyField("Since", "2001", Inline: false)],
            PapersHeading = "Recent papers",
            Papers = [new PaperItem("Attention is all you need", "https://arxiv.org/abs/1706.03762", "Vaswani et al. · 2017", "The dominant sequence transduction models…", "shares 3 authors", "1706.03762")],
            Sections = [new ReplySection("Frequent co-authors", ["A. B (12)", "C. D (9)"])],
            Footer = "Source: arXiv, OpenAlex",
        });
        yield return ("hostile", new Reply { Title = "<!channel> hi", Body = "<@U123> <!here> & <https://x.example|x>", Footer = "<!everyone>" });
        yield return ("error", Reply.Error("There is no command `/autor`. Did you mean `/author`?"));
        yield return ("list", new Reply
        {
            Title = new string('T', 300),
            PapersHeading = "Similar papers",
            Papers = [.. Enumerable.Range(1, 80).Select(i => new PaperItem($"Paper {i}", $"https://arxiv.org/abs/2401.{i:00000}", "meta", new string('s', 400)))],
        });
        yield return ("actions", new Reply
        {
            Title = "Papers matching \"spiking\"",
            Papers = [.. Enumerable.Range(1, 60).Select(i => new PaperItem($"Paper {i}", $"https://arxiv.org/abs/2401.{i:00000}", "meta"))],
            Actions =
            [
                ReplyAction.Button("More", "rb1:u:search spiking page:2", "more"),
                ReplyAction.Select("Similar to…", Enumerable.Range(1, 30).Select(i => new ReplyChoice($"{i}. " + new string('T', 120), $"rb1:n:similar 2401.{i:00000}", new string('m', 120), i)), "similar"),
                ReplyAction.Link("PDF", "https://arxiv.org/pdf/1706.03762"),
            ],
        });
        yield return ("namesakes", Core.Commands.Author.AuthorReplies.Choose("Zhang",
            [.. Enumerable.Range(1, 10).Select(i => new Core.Authors.AuthorCandidate(i, $"Wei Zhang {i}", i, new string('T', 200), 2024, [], ["cs.LG", "stat.ML"]))],
            c => $"rb1:n:author #{c.Id}"));
        yield return ("author-buttons", new Reply
        {
            Title = "Wei Zhang",
            Actions = [ReplyAction.Button("Papers", "rb1:n:author #12 show:papers", "papers"), ReplyAction.Button("Co-authors", "rb1:n:author #12 show:coauthors", "coauthors")],
        });
        yield return ("no-reference", Reply.Info(Core.Commands.Actions.MessageCommands.NoReference));
        yield return ("empty", new Reply());
        yield return ("fields", new Reply { Fields = [.. Enumerable.Range(1, 15).Select(i => new ReplyField("F" + i, new string('v', 2500)))] });
    }

    private static async Task<(int, string)> TypeCheckAsync(Action<string> write)
    {
        var dir = Directory.CreateTempSubdirectory("slack-bodies").FullName;
        try
        {
            write(dir);
            return await Node.RunAsync("typecheck.mjs", dir);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task RenderedBodies_TypeCheckAgainstOfficialSlackTypes()
    {
        NodeInterop.RequireOrSkip();

        var (exit, output) = await TypeCheckAsync(dir =>
        {
            foreach (var (name, reply) in Replies())
            {
                var message = SlackReplyRenderer.Render(reply);
                File.WriteAllText(Path.Combine(dir, name + ".postMessage.json"), JsonSerializer.Serialize(ChatPostMessageRequest.From("C123ABC456", message), SlackJson.Options));
                File.WriteAllText(Path.Combine(dir, name + ".response.json"), JsonSerializer.Serialize(SlackResponseBody.From(message), SlackJson.Options));
                File.WriteAllText(Path.Combine(dir, name + ".blocks.json"), JsonSerializer.Serialize(message.Blocks, SlackJson.Options));
            }
        });

        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task FileShareCompletion_TypeChecksAgainstOfficialSlackTypes()
    {
        NodeInterop.RequireOrSkip();
        await using var slack = await FakeSlack.StartAsync();
        var chart = new Reply { Title = "Ada", Attachments = [new ReplyAttachment("chart.png", "image/png", new byte[] { 1, 2, 3 }, "Papers per year")] };
        await using var host = SlackTestHost.Create(slack, [new TestCommand("author", quick: true, (_, _) => Task.FromResult(Core.Commands.CommandResult.Ok(chart)))]);
        await host.Get<Slack.SlashCommands.SlashCommandHandler>().HandleAsync(new Slack.SlashCommands.SlashCommandPayload("/author", "Ada", null, "U1", "T1", "C123ABC456"), TestContext.Current.CancellationToken);
        await host.Get<Slack.SlashCommands.FollowUpTracker>().DrainAsync(TestContext.Current.CancellationToken);
        var form = Assert.Single(slack.Calls, c => c.Method == "files.completeUploadExternal").Form;

        // The form's `files` field is a JSON array: decoded, the arguments are the SDK's FilesCompleteUploadExternalArguments.
        var args = new System.Text.Json.Nodes.JsonObject { ["files"] = System.Text.Json.Nodes.JsonNode.Parse(form["files"]), ["channel_id"] = form["channel_id"] };
        var (exit, output) = await TypeCheckAsync(dir => File.WriteAllText(Path.Combine(dir, "chart.completeUpload.json"), args.ToJsonString()));

        Assert.True(exit == 0, output);
    }

    /// <summary>The message shortcut payload the adapter's tests use is the SDK's <c>MessageShortcut</c>, and the adapter reads it.</summary>
    [Fact]
    public async Task MessageShortcutPayload_IsBoltsMessageShortcut()
    {
        NodeInterop.RequireOrSkip();
        const string payload = """
            {"type":"message_action","token":"verification-token","action_ts":"1754300000.000100",
             "team":{"id":"T1","domain":"lab"},"user":{"id":"U3","username":"ada","team_id":"T1","name":"ada"},
             "channel":{"id":"C1","name":"papers"},"is_enterprise_install":false,"callback_id":"similar_papers",
             "trigger_id":"13345224609.738474920.8088930838d88f008e0","response_url":"https://hooks.slack.com/app/T1/1/abc",
             "message_ts":"1754290000.000200",
             "message":{"type":"message","user":"U9","ts":"1754290000.000200","text":"see <https://arxiv.org/abs/2401.12345|this>",
              "attachments":[{"from_url":"https://arxiv.org/abs/2401.12345","title":"A paper"}]}}
            """;
        var parsed = Slack.Interactivity.MessageShortcutPayload.FromJson(JsonDocument.Parse(payload).RootElement);
        Assert.Equal("2401.12345", Core.Commands.Actions.MessageCommands.SimilarPapers(parsed!.Texts)?.Raw);
        var answer = SlackResponseBody.From(SlackReplyRenderer.Render(new Reply { Title = "Similar to 2401.12345" })) with { ReplaceOriginal = false };

        var (exit, output) = await TypeCheckAsync(dir =>
        {
            File.WriteAllText(Path.Combine(dir, "shortcut.messageShortcut.json"), payload);
            File.WriteAllText(Path.Combine(dir, "shortcut-answer.response.json"), JsonSerializer.Serialize(answer, SlackJson.Options));
        });

        Assert.True(exit == 0, output);
    }

    [Fact]
    public async Task BrokenBody_RejectedByTypeCheck()
    {
        NodeInterop.RequireOrSkip();

        // Negative control: a header must be plain_text, and "sektion" is no block type, so tsc must refuse.
        var (exit, output) = await TypeCheckAsync(dir =>
        {
            File.WriteAllText(Path.Combine(dir, "bad.postMessage.json"), """{"channel":"C1","text":"x","blocks":[{"type":"header","text":{"type":"mrkdwn","text":"x"}}]}""");
            File.WriteAllText(Path.Combine(dir, "bad.blocks.json"), """[{"type":"sektion","text":{"type":"mrkdwn","text":"x"}}]""");
        });

        Assert.True(exit != 0, output);
    }

    [Fact]
    public async Task Signatures_AgreeWithBoltVerifier()
    {
        NodeInterop.RequireOrSkip();
        var vector = Fixture.SigningVector();
        var vectorTs = long.Parse(vector["X-Slack-Request-Timestamp"], CultureInfo.InvariantCulture);
        const string secret = "researchbot-interop-secret";
        const string body = "team_id=T1&channel_id=C1&user_id=U1&command=%2Fauthor&text=Kording+%3C%21channel%3E";
        var ts = 1_800_000_000L;
        var ours = SlackSignatureVerifier.Sign(secret, ts.ToString(CultureInfo.InvariantCulture), Encoding.UTF8.GetBytes(body));
        var cases = new[]
        {
            Case("docs vector", vector["signing_secret"], vector["body"], vector["X-Slack-Signature"], vectorTs, vectorTs),
            Case("our signature", secret, body, ours, ts, ts + 299),
            Case("body altered", secret, body + "x", ours, ts, ts),
            Case("other secret", "wrong", body, ours, ts, ts),
            Case("stale", secret, body, ours, ts, ts + 301),
        };

        var file = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(file, JsonSerializer.Serialize(cases), TestContext.Current.CancellationToken);
            var (exit, output) = await Node.RunAsync("verify-signature.mjs", file);

            Assert.True(exit == 0, output);
            Assert.Equal(5, output.Split('\n').Count(l => l.StartsWith("ok", StringComparison.Ordinal)));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>A case whose expected verdict is our own verifier's, so bolt and we must agree.</summary>
    private static Dictionary<string, object> Case(string name, string secret, string body, string signature, long timestamp, long now)
    {
        var verifier = new SlackSignatureVerifier(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(now)));
        var expect = verifier.Verify(secret, timestamp.ToString(CultureInfo.InvariantCulture), signature, Encoding.UTF8.GetBytes(body)) == SignatureCheck.Valid;
        return new()
        {
            ["name"] = name,
            ["signingSecret"] = secret,
            ["body"] = body,
            ["signature"] = signature,
            ["timestamp"] = timestamp,
            ["nowMilliseconds"] = now * 1000,
            ["expect"] = expect,
        };
    }
}
