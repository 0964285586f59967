using Dapper;
using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Alerts.Tests.Support;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Actions;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;
using static ResearchBot.Alerts.Tests.Support.AlertTestHost;

namespace ResearchBot.Alerts.Tests.Learning;

/// <summary>
/// like: subscriptions end to end through the commands, on each real backend (<see cref="SqliteLikeAlertTests"/>,
/// <see cref="PostgresLikeAlertTests"/>), a stand-in engine and the tests' own learner.
/// </summary>
public abstract class LikeAlertTests
{
    private static readonly ChannelAddress Channel = new("discord", "guild-a", "papers");
    private static readonly ChannelAddress Elsewhere = new("discord", "guild-b", "papers");
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The alert wiring on this backend.</summary>
    protected abstract Task<AlertTestHost> HostAsync(Action<IServiceCollection>? configure = null);

    /// <summary>Registers, after the outbox participant, one that throws inside the paper transaction while <paramref name="crash"/> is armed.</summary>
    protected abstract void AddCrashingParticipant(IServiceCollection services, CrashSwitch crash);

    private static Task<Reply> Run(AlertTestHost host, string command, string text, ChannelAddress? channel = null, string user = "u1") =>
        host.Dispatcher.DispatchAsync(new CommandInput.Text(command, text), new CommandContext(channel ?? Channel, user, true), Ct);

    private static readonly string[] DiffusionWords = ["denoising", "sampler", "guidance", "latent", "score", "synthesis", "noise", "schedule", "classifier", "prompt", "upsampling", "video", "editing", "inpainting", "distillation"];
    private static readonly string[] RobotWords = ["quadruped", "terrain", "gait", "reinforcement", "control", "legged", "balance", "sim2real", "actuator", "policy", "stairs", "humanoid", "torque", "contact", "planning"];

    /// <summary>Two topics of recent history, papers within a topic alike but not the same: diffusion image generation and legged robots.</summary>
    private static async Task ImportHistoryAsync(AlertTestHost host)
    {
        var records = new List<PaperRecord>();
        for (var i = 1; i <= 12; i++)
        {
            var d = DiffusionWords;
            var r = RobotWords;
            records.Add(Paper($"2602.{i:00000}", $"Diffusion image {d[i % 15]} {d[(i + 4) % 15]}", $"diffusion image generation {d[(i + 1) % 15]} {d[(i + 7) % 15]} {d[(i + 9) % 15]}"));
            records.Add(Paper($"2602.{100 + i:00000}", $"Robot locomotion {r[i % 15]} {r[(i + 4) % 15]}", $"robot locomotion learning {r[(i + 1) % 15]} {r[(i + 7) % 15]} {r[(i + 9) % 15]}"));
        }

        await host.ImportAsync([.. records]);
    }

    private static async Task<AlertSubscription> SubscribeLikeAsync(AlertTestHost host, string text)
    {
        var reply = await Run(host, "subscribe", text);
        Assert.True(reply.Kind == ReplyKind.Result, reply.Body);
        var all = await host.Store.ListAsync(Channel, Ct);
        return all[^1];
    }

    private static async Task<List<(long Sub, long Seq, string Why, double Score)>> OutboxAsync(AlertTestHost host)
    {
        await using var connection = await host.OpenAsync(Ct);
        return [.. await connection.QueryAsync<(long, long, string, double)>("SELECT subscription_id, paper_seq, why, score FROM alert_outbox ORDER BY id")];
    }

    [Fact]
    public async Task Subscribe_Like_PreviewsTheRecentPapersLikeTheExampleWithWeeklyVolume()
    {
        await using var host = await HostAsync();
        await ImportHistoryAsync(host);

        var reply = await Run(host, "subscribe", "like:2602.00001 per:week:3");

        Assert.Equal(ReplyKind.Result, reply.Kind);
        var sub = Assert.Single(await host.Store.ListAsync(Channel, Ct));
        Assert.True(sub.IsLike);
        Assert.Equal(3, sub.PerWeek);
        // 3 a week over 14 days is 6 papers; the stand-in engine's hashed words give some ties at the threshold.
        Assert.InRange(reply.Papers.Length, 6, 10);
        Assert.All(reply.Papers, p => Assert.Contains("Diffusion", p.Title, StringComparison.Ordinal));
        Assert.Contains(reply.Fields, f => f.Value.StartsWith($"would have announced {reply.Papers.Length} papers (≈ ", StringComparison.Ordinal));
        var model = await host.Feedback.ModelAsync(sub.Id, Ct);
        Assert.NotNull(model);
        Assert.Equal("hash/v1", model.SpaceId);
    }

    [Theory]
    [InlineData("like:2699.99999", "2699.99999")]
    [InlineData("like:", "needs a paper")]
    [InlineData("like:2602.00001 (unclosed", "filter next to `like:` has a mistake")]
    [InlineData("like:2602.00001 per:week:0", "`per:` takes week:N")]
    public async Task Subscribe_Like_BadInput_GetsOneLineAndCreatesNothing(string text, string expected)
    {
        await using var host = await HostAsync();
        await ImportHistoryAsync(host);

        var reply = await Run(host, "subscribe", text);

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Contains(expected, reply.Body, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', reply.Body!);
        Assert.Empty(await host.Store.ListAsync(Channel, Ct));
    }

    [Fact]
    public async Task Subscribe_Like_MoreThanTenExamples_IsRefused()
    {
        await using var host = await HostAsync();
        await ImportHistoryAsync(host);

        var reply = await Run(host, "subscribe", string.Join(' ', Enumerable.Range(1, 11).Select(i => $"like:2602.{i:00000}")));

        Assert.Equal(ReplyKind.Error, reply.Kind);
        Assert.Contains("At most 10", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Percolation_QueuesPapersLikeTheExamples_WithFilterAndWhy()
    {
        await using var host = await HostAsync();
        await ImportHistoryAsync(host);
        var sub = await SubscribeLikeAsync(host, "like:2602.00001 -survey per:week:5");

        await host.ImportAsync(
            Paper("2603.00001", "Diffusion image generation with classifier guidance", "denoising diffusion sampler guidance image"),
            Paper("2603.00002", "A survey of diffusion image generation guidance", "denoising diffusion sampler guidance image survey"),
            Paper("2603.00003", "Quadruped robot locomotion on rough terrain", "legged robot locomotion control terrain"));

        var rows = await OutboxAsync(host);
        var row = Assert.Single(rows);
        Assert.Equal(sub.Id, row.Sub);
        var paper = await host.Index.GetAsync("2603.00001", Ct);
        Assert.Equal(paper!.Seq, row.Seq);
        Assert.StartsWith("like 2602.00001: diffusion", row.Why, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Vote_RecordsOncePerUser_CanChange_RedrawsTally_AndRefitsTheModel()
    {
        await using var host = await HostAsync();
        await ImportHistoryAsync(host);
        var sub = await SubscribeLikeAsync(host, "like:2602.00001 per:week:10");
        var before = (await host.Feedback.ModelAsync(sub.Id, Ct))!;
        await host.ImportAsync(
            Paper("2603.00001", "Diffusion image generation with classifier guidance", "denoising diffusion sampler guidance image"),
            Paper("2603.00002", "Diffusion image generation for faces", "denoising diffusion sampler image faces"));
        await host.Deliverer.DeliverDueAsync(Ct);
        var (_, posted) = Assert.Single(host.Discord.Posts);
        var up1 = posted.Actions.First(a => a.Label == "#1 👍");
        var down1 = posted.Actions.First(a => a.Label == "#1 👎");
        Assert.Contains(posted.Actions, a => a.Kind == ReplyActionKind.Select && a.Label == "Similar to…");
        var handler = host.Services.GetRequiredService<ActionHandler>();

        async Task<Reply> ClickAsync(ReplyAction action, string user, ChannelAddress? where = null)
        {
            Assert.True(ActionPayload.TryDecode(action.Payload, out var decoded));
            Assert.Equal(ActionTarget.UpdateMessage, decoded.Target);
            return await host.Dispatcher.DispatchAsync(decoded.Command, new CommandContext(where ?? Channel, user, false), Ct);
        }

        var first = await ClickAsync(up1, "alice");
        var again = await ClickAsync(up1, "alice");
        var bob = await ClickAsync(up1, "bob");
        var changed = await ClickAsync(down1, "alice");

        Assert.Contains(first.Actions, a => a.Label == "#1 👍 1");
        Assert.Contains(again.Actions, a => a.Label == "#1 👍 1"); // idempotent per (user, alert)
        Assert.Contains(bob.Actions, a => a.Label == "#1 👍 2");
        Assert.Contains(changed.Actions, a => a.Label == "#1 👍 1");
        Assert.Contains(changed.Actions, a => a.Label == "#1 👎 1");
        Assert.Equal(posted.Papers.Select(p => p.Title), changed.Papers.Select(p => p.Title)); // the same message, redrawn
        var evidence = await host.Feedback.EvidenceAsync(sub.Id, Ct);
        Assert.Equal(1, evidence.Ups);
        Assert.Equal(1, evidence.Downs);
        var after = (await host.Feedback.ModelAsync(sub.Id, Ct))!;
        Assert.NotEqual(before.Weights, after.Weights);
        Assert.NotNull(handler);
    }

    [Fact]
    public async Task Vote_FromAnotherWorkspace_IsRefusedPrivatelyAndChangesNothing()
    {
        await using var host = await HostAsync();
        await ImportHistoryAsync(host);
        var sub = await SubscribeLikeAsync(host, "like:2602.00001 per:week:5");
        await host.ImportAsync(Paper("2603.00001", "Diffusion image generation with classifier guidance", "denoising diffusion sampler guidance image"));
        await host.Deliverer.DeliverDueAsync(Ct);
        var up = Assert.Single(host.Discord.Posts).Reply.Actions.First(a => a.Label == "👍");
        Assert.True(ActionPayload.TryDecode(up.Payload, out var decoded));

        var foreign = await host.Dispatcher.DispatchAsync(decoded.Command, new CommandContext(Elsewhere, "mallory", true), Ct);
        var otherChannel = await host.Dispatcher.DispatchAsync(decoded.Command, new CommandContext(Channel with { Channel = "random" }, "mallory", true), Ct);
        var unknown = await host.Dispatcher.DispatchAsync(new CommandInput.Text("vote", "up alert:999999"), new CommandContext(Channel, "u1", true), Ct);

        foreach (var reply in new[] { foreign, otherChannel, unknown })
        {
            Assert.Equal(ReplyKind.Error, reply.Kind);
            Assert.Equal(ReplyVisibility.Private, reply.Visibility);
            Assert.Equal(VoteCommand.NotHere, reply.Body);
        }

        Assert.Empty((await host.Feedback.EvidenceAsync(sub.Id, Ct)).Votes);
    }

    [Fact]
    public async Task Unsubscribe_DeletesModelExamplesAndVotes()
    {
        await using var host = await HostAsync();
        await ImportHistoryAsync(host);
        var sub = await SubscribeLikeAsync(host, "like:2602.00001 per:week:5");
        await host.ImportAsync(Paper("2603.00001", "Diffusion image generation with classifier guidance", "denoising diffusion sampler guidance image"));
        await host.Deliverer.DeliverDueAsync(Ct);
        var up = Assert.Single(host.Discord.Posts).Reply.Actions.First(a => a.Label == "👍");
        Assert.True(ActionPayload.TryDecode(up.Payload, out var decoded));
        await host.Dispatcher.DispatchAsync(decoded.Command, new CommandContext(Channel, "alice", false), Ct);
        Assert.Single((await host.Feedback.EvidenceAsync(sub.Id, Ct)).Votes);

        await Run(host, "unsubscribe", sub.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Null(await host.Feedback.ModelAsync(sub.Id, Ct));
        var evidence = await host.Feedback.EvidenceAsync(sub.Id, Ct);
        Assert.Empty(evidence.Votes);
        Assert.Empty(evidence.Examples);
    }

    [Fact]
    public async Task EngineRefit_ReprojectsEvidenceIntoTheNewSpace_AndKeepsMatching()
    {
        await using var host = await HostAsync();
        await ImportHistoryAsync(host);
        var sub = await SubscribeLikeAsync(host, "like:2602.00001 like:2602.00002 per:week:10");
        await host.ImportAsync(Paper("2603.00001", "Diffusion image generation with classifier guidance", "denoising diffusion sampler guidance image"));
        await host.Deliverer.DeliverDueAsync(Ct);
        var down = Assert.Single(host.Discord.Posts).Reply.Actions.First(a => a.Label == "👎");
        Assert.True(ActionPayload.TryDecode(down.Payload, out var decoded));
        await host.Dispatcher.DispatchAsync(decoded.Command, new CommandContext(Channel, "alice", false), Ct);

        host.Vectors.Version = 2; // the engine refitted: a new space, other dimensions
        var fitsBefore = host.Learner.Fits;
        await host.ImportAsync(Paper("2603.00002", "Diffusion image generation for faces", "denoising diffusion sampler guidance image faces"));

        var model = (await host.Feedback.ModelAsync(sub.Id, Ct))!;
        Assert.Equal("hash/v2", model.SpaceId);
        Assert.True(host.Learner.Fits > fitsBefore);
        var evidence = await host.Feedback.EvidenceAsync(sub.Id, Ct);
        Assert.Equal(2, evidence.Examples.Count); // nothing learned was lost
        Assert.Single(evidence.Votes);
        var seq = (await host.Index.GetAsync("2603.00002", Ct))!.Seq;
        Assert.Contains(await OutboxAsync(host), r => r.Seq == seq);
    }

    [Fact]
    public async Task EngineNotReady_BatchWaitsInTheBacklog_AndIsMatchedByTheNextBatch()
    {
        await using var host = await HostAsync();
        await ImportHistoryAsync(host);
        await SubscribeLikeAsync(host, "like:2602.00001 per:week:5");

        host.Vectors.Ready = false;
        await host.ImportAsync(Paper("2603.00001", "Diffusion image generation with classifier guidance", "denoising diffusion sampler guidance image"));
        Assert.Empty(await OutboxAsync(host));
        host.Vectors.Ready = true;
        await host.ImportAsync(Paper("2603.00009", "Unrelated botany", "plants leaves"));

        var seq = (await host.Index.GetAsync("2603.00001", Ct))!.Seq;
        Assert.Contains(await OutboxAsync(host), r => r.Seq == seq);
    }

    [Fact]
    public async Task CrashBetweenWriteAndCommit_LosesNothingAndRepeatsNothing()
    {
        var crash = new CrashSwitch();
        await using var host = await HostAsync(s => AddCrashingParticipant(s, crash));
        await ImportHistoryAsync(host);
        await SubscribeLikeAsync(host, "like:2602.00001 per:week:10");
        var batch = new[]
        {
            Paper("2603.00001", "Diffusion image generation with classifier guidance", "denoising diffusion sampler guidance image"),
            Paper("2603.00002", "Diffusion image generation for faces", "denoising diffusion sampler guidance image faces"),
        };

        crash.Armed = true;
        await Assert.ThrowsAnyAsync<Exception>(() => host.ImportAsync(batch));
        Assert.Empty(await OutboxAsync(host));
        Assert.Null(await host.Index.GetAsync("2603.00001", Ct)); // the papers rolled back with their matches

        await host.ImportAsync(batch);
        await host.ImportAsync(batch); // the same papers again: already indexed, never matched twice

        var rows = await OutboxAsync(host);
        Assert.Equal(2, rows.Count);
        Assert.Equal(2, rows.Select(r => r.Seq).Distinct().Count());
    }

    [Fact]
    public async Task AlertMeButton_CreatesThenExtendsALikeSubscription_AndSubscriptionsShowsAndRemovesExamples()
    {
        await using var host = await HostAsync();
        await ImportHistoryAsync(host);

        var created = await Run(host, "alertlike", "2602.00001");
        var extended = await Run(host, "alertlike", "2602.00002");
        var listed = await Run(host, "subscriptions", "");

        Assert.Equal(ReplyKind.Result, created.Kind);
        Assert.Contains("now learns from 2 examples", extended.Body, StringComparison.Ordinal);
        var sub = Assert.Single(await host.Store.ListAsync(Channel, Ct));
        Assert.Equal("like:2602.00001 like:2602.00002", sub.Query);
        var section = listed.Sections.Single(s => s.Heading.StartsWith($"#{sub.Id}", StringComparison.Ordinal));
        Assert.Equal(2, section.Lines.Count(l => l.StartsWith("example:", StringComparison.Ordinal)));
        Assert.Contains(section.Lines, l => l == "votes: 0 👍 · 0 👎");
        Assert.Contains(section.Lines, l => l.StartsWith("threshold: ", StringComparison.Ordinal));
        var remove = listed.Actions.Single(a => a.Label == "Remove an example…");
        Assert.True(ActionPayload.TryDecode(remove.Choices[1].Payload, out var decoded));

        var removed = await host.Dispatcher.DispatchAsync(decoded.Command, new CommandContext(Channel, "u1", true), Ct);

        Assert.Contains("now learns from 1 example", removed.Body, StringComparison.Ordinal);
        Assert.Single((await host.Feedback.EvidenceAsync(sub.Id, Ct)).Examples);
    }

    [Fact]
    public async Task ConsoleFlow_SubscribeImportDeliverVoteDeliver_NextDigestRanksDifferently()
    {
        var console = new ChannelAddress("console", "local", "console");
        await using var host = await HostAsync();
        await ImportHistoryAsync(host);
        // Two sub-topics under one example: faces and landscapes, equally close to it.
        var reply = await Run(host, "subscribe", "like:2602.00001 mode:daily at:09:00 per:week:20", console);
        Assert.Equal(ReplyKind.Result, reply.Kind);

        async Task<Reply> DayAsync(int day)
        {
            await host.ImportAsync(
                Paper($"2603.{day}0001", $"Diffusion image generation guidance for faces {day}", "denoising diffusion sampler guidance faces portrait"),
                Paper($"2603.{day}0002", $"Diffusion image generation guidance for landscapes {day}", "denoising diffusion sampler guidance landscapes scenery"));
            host.Time.Advance(TimeSpan.FromDays(1));
            await host.Deliverer.DeliverDueAsync(Ct);
            return host.Console.Posts.Last().Reply;
        }

        var first = await DayAsync(1);
        Assert.Equal(2, first.Papers.Length);
        var landscapesFirst = first.Papers[0].Title.Contains("landscapes", StringComparison.Ordinal);
        // The channel wants the one ranked second, not the first.
        var wanted = landscapesFirst ? "faces" : "landscapes";
        var upNumber = first.Papers[0].Title.Contains(wanted, StringComparison.Ordinal) ? 1 : 2;
        var downNumber = 3 - upNumber;
        foreach (var (word, n) in new[] { ("up", upNumber), ("down", downNumber) })
        {
            var action = first.Actions.Single(a => a.Shortcut == $"{word} {n}");
            Assert.True(ActionPayload.TryDecode(action.Payload, out var decoded));
            await host.Dispatcher.DispatchAsync(decoded.Command, new CommandContext(console, "me", true), Ct);
        }

        var second = await DayAsync(2);

        Assert.Contains(wanted, second.Papers[0].Title, StringComparison.Ordinal);
        Assert.NotEqual(landscapesFirst, second.Papers[0].Title.Contains("landscapes", StringComparison.Ordinal));
    }

    /// <summary>Armed: the next batch throws after the outbox rows were written, before commit (once).</summary>
    protected sealed class CrashSwitch
    {
        public bool Armed { get; set; }

        public void ThrowIfArmed()
        {
            if (Armed)
            {
                Armed = false;
                throw new IOException("simulated crash after the outbox rows were written, before commit");
            }
        }
    }
}

public sealed class SqliteLikeAlertTests : LikeAlertTests
{
    protected override Task<AlertTestHost> HostAsync(Action<IServiceCollection>? configure = null) => Task.FromResult(new AlertTestHost(configure: configure));

    protected override void AddCrashingParticipant(IServiceCollection services, CrashSwitch crash) =>
        services.AddSingleton<ResearchBot.Storage.Sqlite.Papers.IPaperUpsertParticipant>(new Crashing(crash));

    private sealed class Crashing(CrashSwitch crash) : ResearchBot.Storage.Sqlite.Papers.IPaperUpsertParticipant
    {
        public Task OnPapersAddedAsync(Microsoft.Data.Sqlite.SqliteConnection connection, Microsoft.Data.Sqlite.SqliteTransaction transaction, IReadOnlyList<Paper> added, CancellationToken cancellationToken)
        {
            crash.ThrowIfArmed();
            return Task.CompletedTask;
        }
    }
}

/// <summary>Skipped when no PostgreSQL server answers, unless RESEARCHBOT_REQUIRE_POSTGRES=1.</summary>
public sealed class PostgresLikeAlertTests : LikeAlertTests
{
    protected override Task<AlertTestHost> HostAsync(Action<IServiceCollection>? configure = null) => AlertTestHost.PostgresAsync(configure: configure);

    protected override void AddCrashingParticipant(IServiceCollection services, CrashSwitch crash) =>
        services.AddSingleton<ResearchBot.Storage.Postgres.Papers.IPostgresUpsertParticipant>(new Crashing(crash));

    private sealed class Crashing(CrashSwitch crash) : ResearchBot.Storage.Postgres.Papers.IPostgresUpsertParticipant
    {
        public Task OnPapersAddedAsync(Npgsql.NpgsqlConnection connection, Npgsql.NpgsqlTransaction transaction, IReadOnlyList<Paper> added, CancellationToken cancellationToken)
        {
            crash.ThrowIfArmed();
            return Task.CompletedTask;
        }
    }
}
