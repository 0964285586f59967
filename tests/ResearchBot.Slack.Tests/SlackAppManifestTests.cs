using System.Text.Json.Nodes;
using ResearchBot.Slack.Tests.Support;

namespace ResearchBot.Slack.Tests;

/// <summary>config/slack-app-manifest.json matches what the adapter needs (README.md, "Slack").</summary>
public sealed class SlackAppManifestTests
{
    private static JsonNode Manifest() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Fixture.RepoRoot(), "config", "slack-app-manifest.json")))!;

    [Fact]
    public void Manifest_BotScopes_ExactlyCommandsChatWriteFilesWriteAndLinks()
    {
        var scopes = Manifest()["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => (string)s!).Order(StringComparer.Ordinal);

        // files:write shares the /author chart; links:read/links:write unfurl paper links; nothing that reads messages or files.
        Assert.Equal(["chat:write", "chat:write.public", "commands", "files:write", "links:read", "links:write"], scopes);
    }

    [Fact]
    public void Manifest_UnfurlDomains_ExactlyTheUnfurlersAndValidPerSchema()
    {
        var domains = Manifest()["features"]!["unfurl_domains"]!.AsArray().Select(d => (string)d!).ToList();

        Assert.Equal(Slack.Events.LinkUnfurler.Domains.Order(StringComparer.Ordinal), domains.Order(StringComparer.Ordinal));
        Assert.InRange(domains.Count, 1, 5); // Slack allows five
        Assert.All(domains, d => Assert.Matches(@"^(?![\.\-])([-a-z0-9\.])+([a-z0-9])$", d));
    }

    [Fact]
    public void Manifest_SubscribesToLinkSharedOnly()
    {
        // link_shared is what unfurling needs; no message events: the bot reads no conversations.
        var events = Manifest()["settings"]!["event_subscriptions"]!["bot_events"]!.AsArray().Select(e => (string)e!);

        Assert.Equal(["link_shared"], events);
    }

    [Fact]
    public void Manifest_SlashCommands_IncludeUmbrellaAndAreUnescapedLowercase()
    {
        var commands = Manifest()["features"]!["slash_commands"]!.AsArray();

        Assert.Contains(commands, c => (string?)c!["command"] == "/" + new SlackOptions().UmbrellaCommand);
        Assert.All(commands, c =>
        {
            var name = (string)c!["command"]!;
            Assert.Matches("^/[a-z0-9_-]{1,31}$", name);
            Assert.False((bool)c["should_escape"]!); // we escape ourselves; Slack-escaped ids would reach commands as <@U…>
        });
    }

    [Fact]
    public void Manifest_SocketModeOnByDefault_MatchesDefaultMode()
    {
        Assert.True((bool)Manifest()["settings"]!["socket_mode_enabled"]!);
        Assert.Equal(SlackMode.Socket, new SlackOptions().Mode);
    }

    [Fact]
    public void Manifest_InteractivityOn_SoButtonsAndMenusReachTheBot()
    {
        // Socket Mode delivers clicks as "interactive" envelopes; in HTTP mode the request URL is /slack/interactions.
        Assert.True((bool)Manifest()["settings"]!["interactivity"]!["is_enabled"]!);
    }

    [Fact]
    public void Manifest_MessageShortcut_SimilarPapersWithTheCallbackIdTheAdapterAnswers()
    {
        var shortcut = Assert.Single(Manifest()["features"]!["shortcuts"]!.AsArray())!;

        Assert.Equal(Core.Commands.Actions.MessageCommands.SimilarPapersCallbackId, (string?)shortcut["callback_id"]);
        Assert.Equal("message", (string?)shortcut["type"]);
        Assert.Equal(Core.Commands.Actions.MessageCommands.SimilarPapersName, (string?)shortcut["name"]);
        // The manifest schema's limits: name ≤ 24, description ≤ 150, and exactly these keys.
        Assert.True(((string)shortcut["name"]!).Length <= 24);
        Assert.True(((string)shortcut["description"]!).Length <= 150);
        Assert.Equal(["callback_id", "description", "name", "type"], shortcut.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
    }
}
