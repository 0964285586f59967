using System.Text.Json.Nodes;
using ResearchBot.Slack.Events;
using ResearchBot.Slack.SlashCommands;
using ResearchBot.Slack.Tests.Events;
using ResearchBot.Slack.Tests.Support;
using ResearchBot.TestKit;

namespace ResearchBot.Slack.Tests.Interop;

/// <summary>
/// The <c>chat.unfurl</c> bodies the fake Slack received, for a posted message and for a link in the composer,
/// type-checked with tsc --strict against @slack/web-api's <c>ChatUnfurlArguments</c>; the <c>link_shared</c> events
/// the tests send, against @slack/types' <c>LinkSharedEvent</c>.
/// </summary>
public sealed class SlackUnfurlInteropTests
{
    private static readonly NodeInterop Node = new("slack");

    private static async Task<(int, string)> TypeCheckAsync(Action<string> write)
    {
        var dir = NodeInterop.NewDirectory("slack-unfurl");
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

    private static JsonObject Composer(JsonObject callback)
    {
        var e = callback["event"]!.AsObject();
        e["channel"] = "COMPOSER";
        e["message_ts"] = "U123ABC456-909b5454-75f8-4ac4-b325-1b40e230bbd8-gryl3kb80b3wm49ihzoo35fyqoq08n2y";
        e["unfurl_id"] = "U123ABC456-909b5454-75f8-4ac4-b325-1b40e230bbd8";
        e["source"] = "composer";
        return callback;
    }

    [Fact]
    public async Task UnfurlBodies_TypeCheckAgainstOfficialSlackTypes()
    {
        NodeInterop.RequireOrSkip();
        await using var slack = await FakeSlack.StartAsync();
        await using var host = SlackTestHost.Create(slack, []);
        await LinkUnfurlTests.SeedAsync(host);
        var history = LinkUnfurlTests.LinkShared("Ev1", LinkUnfurlTests.SharedUrl, "https://doi.org/10.48550/arXiv.1409.0473");
        var composer = Composer(LinkUnfurlTests.LinkShared("Ev2", "https://www.alphaxiv.org/abs/1810.04805"));
        foreach (var callback in new[] { history, composer })
        {
            host.Get<SlackEventHandler>().Handle(System.Text.Json.JsonDocument.Parse(callback.ToJsonString()).RootElement.Clone(), null, null, TestContext.Current.CancellationToken);
        }

        await host.Get<FollowUpTracker>().DrainAsync(TestContext.Current.CancellationToken);
        var bodies = slack.Calls.Where(c => c.Method == "chat.unfurl").Select(c => c.Body).ToList();
        Assert.Equal(2, bodies.Count);

        var (exit, output) = await TypeCheckAsync(dir =>
        {
            for (var i = 0; i < bodies.Count; i++)
            {
                File.WriteAllText(Path.Combine(dir, $"call{i}.unfurl.json"), bodies[i]);
            }

            File.WriteAllText(Path.Combine(dir, "history.linkShared.json"), history["event"]!.ToJsonString());
            File.WriteAllText(Path.Combine(dir, "composer.linkShared.json"), composer["event"]!.ToJsonString());
        });

        Assert.True(exit == 0, output);
        Assert.Contains("4 bodies", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnfurlWithoutTarget_RejectedByTypeCheck()
    {
        NodeInterop.RequireOrSkip();

        // Negative control: chat.unfurl needs channel+ts or unfurl_id+source; unfurls alone must not pass.
        var (exit, output) = await TypeCheckAsync(dir => File.WriteAllText(Path.Combine(dir, "bad.unfurl.json"),
            """{"unfurls":{"https://arxiv.org/abs/1706.03762":{"blocks":[{"type":"section","text":{"type":"mrkdwn","text":"x"}}]}}}"""));

        Assert.True(exit != 0, output);
    }
}
