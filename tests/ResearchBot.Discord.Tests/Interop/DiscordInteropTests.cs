using ResearchBot.TestKit;
using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Author;
using ResearchBot.Core.Replies;
using ResearchBot.Discord.Gateway;
using ResearchBot.Discord.Http;
using ResearchBot.Discord.Interactions;
using ResearchBot.Discord.Rendering;
using ResearchBot.Discord.Tests.Fakes;

namespace ResearchBot.Discord.Tests.Interop;

/// <summary>Checks our bodies and signatures against artefacts we did not write: Discord's OpenAPI spec (Ajv), discord-api-types (tsc), tweetnacl and discord-interactions.</summary>
public sealed class DiscordInteropTests
{
    private static readonly NodeInterop Node = new("discord");

    private static string SpecPath => Path.Combine(Node.AreaDir, "discord-openapi.v10.json");
    private readonly DiscordReplyRenderer _renderer = new();

    /// <summary>The specs of Core's real commands (their handlers are never run here) plus the test commands.</summary>
    private static IEnumerable<CommandSpec> AllSpecs()
    {
        var core = typeof(ICommand).Assembly.GetTypes()
            .Where(t => typeof(ICommand).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
            .Select(t => t.GetConstructors().Single())
            .Select(c => (ICommand)c.Invoke(c.GetParameters().Select(_ => (object?)null).ToArray()))
            .Select(c => c.Spec);
        return core.Concat([new AlertCommand().Spec, new PingCommand().Spec]);
    }

    private Reply RichReply() => new()
    {
        Title = "Similar to \"Attention Is All You Need\" @everyone",
        TitleUrl = "https://arxiv.org/abs/1706.03762",
        Body = "Five papers from the index. Try `/help similar`.",
        Fields = [new ReplyField("Papers", "214"), new ReplyField("h-index", "31")],
        PapersHeading = "Related papers",
        Papers = [.. Enumerable.Range(1, 12).Select(i => new PaperItem(new string('T', 220) + i, $"https://arxiv.org/abs/2401.{i:00000}", "A, B et al. · 2024 · cs.LG", new string('s', 500)))],
        Sections = [new ReplySection("Frequent co-authors", ["Ada Lovelace (12)", "Alan Turing (7)"])],
        Footer = "Sources: arXiv, OpenAlex",
    };

    private static void Write(string dir, string name, JsonNode? node) =>
        File.WriteAllText(Path.Combine(dir, name + ".json"), node!.ToJsonString(DiscordJson.Options));

    private static JsonNode ToNode(DiscordMessage message) => JsonSerializer.SerializeToNode(message, DiscordJson.Options)!;

    [Fact]
    public async Task SentBodies_ValidateAgainstDiscordOpenApiWithAjv()
    {
        NodeInterop.RequireOrSkip();
        var dir = NodeInterop.NewDirectory("discord-interop");
        var rich = _renderer.Render(RichReply(), ephemeral: false);
        Assert.True(rich.Embeds.Sum(e => e.CountedLength) <= DiscordLimits.EmbedTotal); // Ajv cannot check the total
        var registration = CommandRegistrar.Build(AllSpecs());
        Assert.Contains(registration, c => (int)c!["type"]! == CommandRegistrar.MessageCommandType && (string?)c["name"] == "Similar papers");
        Write(dir, "BulkCommands__registration", registration);
        Write(dir, "ApplicationCommandUpdateRequest__message_command", registration.Single(c => (int)c!["type"]! == CommandRegistrar.MessageCommandType)!.DeepClone());
        Write(dir, "InteractionCallback__type4_embeds", InteractionCallbacks.Message(_renderer.Render(RichReply(), ephemeral: true)));
        Write(dir, "InteractionCallback__type4_ephemeral_error", InteractionCallbacks.Message(_renderer.Render(Reply.Error("No such author."), ephemeral: true)));
        Write(dir, "InteractionCallback__type5", InteractionCallbacks.Deferred(false));
        Write(dir, "InteractionCallback__type5_ephemeral", InteractionCallbacks.Deferred(true));
        Write(dir, "InteractionCallback__type8", InteractionCallbacks.Autocomplete(["Konrad Kording", "Konrad Körding"]));
        Write(dir, "InteractionCallback__type1", InteractionCallbacks.PongResponse());
        Write(dir, "IncomingWebhookUpdateRequestPartial__original_patch", ToNode(rich));
        Write(dir, "WebhookExecute__ephemeral_followup", ToNode(_renderer.Render(Reply.Error("Nothing found."), ephemeral: true)));
        Write(dir, "MessageCreateRequest__alert", ToNode(rich));
        var actions = RichReply() with
        {
            Actions =
            [
                ReplyAction.Button("More", "rb1:u:search spiking networks page:2", "more"),
                ReplyAction.Link("PDF", "https://arxiv.org/pdf/1706.03762"),
                ReplyAction.Select("Similar to…", Enumerable.Range(1, 30).Select(i => new ReplyChoice($"{i}. " + new string('T', 120), $"rb1:n:similar 2401.{i:00000}", new string('m', 120), i)), "similar"),
            ],
        };
        Write(dir, "InteractionCallback__type4_components", InteractionCallbacks.Message(_renderer.Render(actions, ephemeral: false)));
        Write(dir, "InteractionCallback__type7_update", InteractionCallbacks.Update(_renderer.Render(actions, ephemeral: false) with { Components = [] }));
        Write(dir, "InteractionCallback__type7_update_components", InteractionCallbacks.Update(_renderer.Render(actions, ephemeral: false)));
        Write(dir, "InteractionCallback__type6", InteractionCallbacks.DeferredUpdate());
        Write(dir, "IncomingWebhookUpdateRequestPartial__components_patch", ToNode(_renderer.Render(actions, ephemeral: false)));
        // /author's namesake menu (ephemeral, a select), a summary's buttons, and the message command's private explanation.
        var namesakes = AuthorReplies.Choose("Zhang", [.. Enumerable.Range(1, 12).Select(i => new AuthorCandidate(i, $"Wei Zhang {i}", 3 + i, new string('T', 200), 2024, [], ["cs.LG", "stat.ML"]))],
            c => $"rb1:n:author #{c.Id}");
        Write(dir, "InteractionCallback__type4_namesake_select", InteractionCallbacks.Message(_renderer.Render(namesakes, ephemeral: true)));
        Write(dir, "IncomingWebhookUpdateRequestPartial__namesake_select_patch", ToNode(_renderer.Render(namesakes, ephemeral: false)));
        var summary = RichReply() with { Actions = [ReplyAction.Button("Papers", "rb1:n:author #12 show:papers", "papers"), ReplyAction.Button("Co-authors", "rb1:n:author #12 show:coauthors", "coauthors")] };
        Write(dir, "InteractionCallback__type4_author_buttons", InteractionCallbacks.Message(_renderer.Render(summary, ephemeral: false)));
        Write(dir, "InteractionCallback__type4_message_command_no_reference", InteractionCallbacks.Message(_renderer.Render(Reply.Info(Core.Commands.Actions.MessageCommands.NoReference), ephemeral: true)));
        Write(dir, "MessageCreateRequest__with_file", ToNode(_renderer.Render(new Reply { Title = "Chart", Attachments = [new ReplyAttachment("chart.png", "image/png", new byte[] { 1 })] }, ephemeral: false)));

        var (code, output) = await Node.RunAsync("validate-bodies.mjs", dir, SpecPath);

        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task Ajv_OverlongEmbedTitle_IsRejected()
    {
        NodeInterop.RequireOrSkip();
        var dir = NodeInterop.NewDirectory("discord-interop");
        var bad = new DiscordMessage { Embeds = [new DiscordEmbed { Title = new string('a', 257) }] };
        Write(dir, "MessageCreateRequest__too_long_title", ToNode(bad));

        var (code, output) = await Node.RunAsync("validate-bodies.mjs", dir, SpecPath);

        Assert.True(code == 1, output);
    }

    [Fact]
    public async Task TweetnaclSignatures_AgreeWithOurChecker()
    {
        NodeInterop.RequireOrSkip();
        var file = Path.Combine(NodeInterop.NewDirectory("discord-interop"), "vectors.json");
        var (code, output) = await Node.RunAsync("sign-vectors.mjs", file);
        Assert.True(code == 0, output);

        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(file, TestContext.Current.CancellationToken));
        var verifier = new Ed25519SignatureVerifier(doc.RootElement.GetProperty("publicKey").GetString()!, new FakeTimeProvider(), TimeSpan.Zero);
        var cases = doc.RootElement.GetProperty("cases").EnumerateArray().ToArray();
        Assert.True(cases.Length >= 6);
        foreach (var c in cases)
        {
            var result = verifier.Verify(c.GetProperty("timestamp").GetString(), c.GetProperty("signature").GetString(), System.Text.Encoding.UTF8.GetBytes(c.GetProperty("body").GetString()!));
            Assert.True(c.GetProperty("valid").GetBoolean() == (result == SignatureCheck.Valid), c.GetProperty("name").GetString());
        }
    }

    [Fact]
    public async Task GatewayFramesAndBodies_TypeCheckAgainstDiscordApiTypes()
    {
        NodeInterop.RequireOrSkip();
        var dir = NodeInterop.NewDirectory("discord-interop");
        var session = new GatewaySession { SessionId = "abc", ResumeUrl = "wss://x", Sequence = 42 };
        Write(dir, "GatewayIdentify__identify", GatewayPayloads.Identify("token"));
        Write(dir, "GatewayResume__resume", GatewayPayloads.Resume("token", session));
        Write(dir, "GatewayHeartbeat__first", GatewayPayloads.Heartbeat(null));
        Write(dir, "GatewayHeartbeat__later", GatewayPayloads.Heartbeat(42));
        Write(dir, "APIInteractionResponse__type4", InteractionCallbacks.Message(_renderer.Render(RichReply(), ephemeral: true)));
        Write(dir, "APIInteractionResponse__type5", InteractionCallbacks.Deferred(true));
        Write(dir, "APIInteractionResponse__type8", InteractionCallbacks.Autocomplete(["a"]));
        Write(dir, "RESTPostAPIChannelMessageJSONBody__alert", ToNode(_renderer.Render(RichReply(), ephemeral: false)));
        Write(dir, "RESTPatchAPIWebhookWithTokenMessageJSONBody__original", ToNode(_renderer.Render(RichReply(), ephemeral: false)));
        Write(dir, "RESTPutAPIApplicationCommandsJSONBody__registration", CommandRegistrar.Build(AllSpecs()));

        var (code, output) = await Node.RunAsync("typecheck-frames.mjs", dir);

        Assert.True(code == 0, output);
    }

    [Fact]
    public async Task Tsc_MistypedFrame_IsRejected()
    {
        NodeInterop.RequireOrSkip();
        var dir = NodeInterop.NewDirectory("discord-interop");
        File.WriteAllText(Path.Combine(dir, "GatewayHeartbeat__bad.json"), """{"op":1,"d":"not a number"}""");

        var (code, output) = await Node.RunAsync("typecheck-frames.mjs", dir);

        Assert.True(code != 0, output);
    }
}
