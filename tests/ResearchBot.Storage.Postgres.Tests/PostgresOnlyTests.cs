using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Progress;
using ResearchBot.Core.Similarity;
using ResearchBot.Storage.Postgres.Papers;
using ResearchBot.Storage.Sqlite;

namespace ResearchBot.Storage.Postgres.Tests;

/// <summary>What only a shared server allows: several processes on one database, leases, notifications, the copy.</summary>
[Collection(PostgresServer.BulkLockCollection)]
public sealed class PostgresOnlyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly ChannelAddress Lab = new("discord", "g1", "c1");

    [Fact]
    public async Task Claims_FourProcessesRacingForTheSameRows_EachRowClaimedExactlyOnce()
    {
        var (cs, schema) = await PostgresServer.NewSchemaAsync();
        var processes = Enumerable.Range(0, 4).Select(i => StorageUnderTest.PostgresOn(cs, schema, dropSchema: i == 0)).ToList();
        try
        {
            var first = processes[0];
            await first.Alerts.AddAsync(new NewAlertSubscription(Lab, "robots", AlertMode.Instant, new TimeOnly(9, 0), "UTC", "u1"), Ct);
            await first.Papers.UpsertAsync([.. Enumerable.Range(0, 200).Select(i => new PaperRecord { Title = $"Robots number {i} at work", ArxivId = $"2601.{i:00000}", Source = "t" })], Ct);
            var ids = (await first.Alerts.ListDueAsync(first.Clock.GetUtcNow(), 1000, Ct)).Select(a => a.Id).ToList();
            Assert.Equal(200, ids.Count);

            // Every process tries every row, in its own order, many times over.
            var claims = await Task.WhenAll(processes.Select((p, n) => Task.Run(async () =>
            {
                var mine = new List<long>();
                foreach (var chunk in ids.OrderBy(id => (id * (n + 7)) % 101).Chunk(10))
                {
                    mine.AddRange((await p.Alerts.ClaimAsync(chunk, $"p{n}-{chunk[0]}", p.Clock.GetUtcNow(), Ct)).Select(a => a.Id));
                }

                return mine;
            }, Ct)));

            var all = claims.SelectMany(c => c).ToList();
            Assert.Equal(200, all.Count);
            Assert.Equal(200, all.Distinct().Count());
        }
        finally
        {
            foreach (var p in Enumerable.Reverse(processes))
            {
                await p.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Leases_HeldByOneProcess_OtherWaits_LostWhenTheSessionIsKilled_ThenTakenOver()
    {
        var (cs, schema) = await PostgresServer.NewSchemaAsync();
        await using var a = StorageUnderTest.PostgresOn(cs, schema, dropSchema: true);
        await using var b = StorageUnderTest.PostgresOn(cs, schema, dropSchema: false);
        var job = "ingest-" + schema;

        var lease = await a.Leases.TryAcquireAsync(job, Ct);
        Assert.NotNull(lease);
        Assert.Null(await b.Leases.TryAcquireAsync(job, Ct));

        // The holder "dies": its session is killed by the server.
        await using (var admin = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            await admin.OpenAsync(Ct);
            await using var kill = new NpgsqlCommand("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = @app", admin);
            kill.Parameters.AddWithValue("app", "researchbot-lease-" + job);
            await kill.ExecuteNonQueryAsync(Ct);
        }

        // The server drops a killed session's locks as the backend exits (a moment after the signal).
        Core.Coordination.IJobLease? taken = null;
        for (var i = 0; i < 100 && taken is null; i++)
        {
            taken = await b.Leases.TryAcquireAsync(job, Ct);
            if (taken is null)
            {
                await Task.Delay(100, Ct);
            }
        }

        Assert.NotNull(taken);
        await using var _ = taken;
        var lost = new TaskCompletionSource();
        using var registration = lease.Lost.Register(() => lost.TrySetResult());
        // The lease checks its session on its clock's ticks: move the holder's clock on until the check finds it gone.
        for (var i = 0; i < 100 && !lost.Task.IsCompleted; i++)
        {
            a.Clock.Advance(TimeSpan.FromSeconds(5));
            await Task.WhenAny(lost.Task, Task.Delay(100, Ct));
        }

        Assert.True(lease.Lost.IsCancellationRequested);
        await lease.DisposeAsync();
    }

    [Fact]
    public async Task Notifications_PapersStoredByAnotherProcess_FoldedIntoThisOnesListeners()
    {
        var (cs, schema) = await PostgresServer.NewSchemaAsync();
        await using var writer = StorageUnderTest.PostgresOn(cs, schema, dropSchema: true);
        var heard = new RecordingListener();
        await using var reader = StorageUnderTest.PostgresOn(cs, schema, dropSchema: false, listener: heard);
        var added = (await writer.Papers.UpsertAsync([new PaperRecord { Title = "Folded elsewhere", ArxivId = "2602.00001", Source = "t" }], Ct)).Added;

        var notifications = reader.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<PaperNotifications>().Single();
        await notifications.FoldAsync($"{added[0].Seq}:{added[0].Seq}:another-process", Ct);
        await notifications.FoldAsync($"{added[0].Seq}:{added[0].Seq}:{reader.Services.GetRequiredService<PostgresDatabase>().ProcessToken}", Ct); // its own: already told
        await notifications.FoldAsync("garbage", Ct);

        Assert.Equal([added[0].Seq], heard.Seqs);
    }

    [Fact]
    public async Task Notifications_CommittedBatch_NotifiesOnTheChannel()
    {
        var (cs, schema) = await PostgresServer.NewSchemaAsync();
        await using var writer = StorageUnderTest.PostgresOn(cs, schema, dropSchema: true);
        await writer.Papers.CountAsync(Ct); // migrated
        await using var listen = new NpgsqlConnection(cs);
        await listen.OpenAsync(Ct);
        var payload = new TaskCompletionSource<string>();
        listen.Notification += (_, e) => payload.TrySetResult(e.Payload);
        // Scoped to the schema: the tests running beside this one (other schemas, one database) are not heard.
        var channel = writer.Services.GetRequiredService<PostgresDatabase>().ChannelName(PostgresPaperIndex.PapersChannel);
        await using (var command = new NpgsqlCommand($"LISTEN \"{channel}\"", listen))
        {
            await command.ExecuteNonQueryAsync(Ct);
        }

        var added = (await writer.Papers.UpsertAsync([new PaperRecord { Title = "Announce me", ArxivId = "2603.00001", Source = "t" }], Ct)).Added;
        await listen.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        Assert.StartsWith($"{added[0].Seq}:{added[0].Seq}:", await payload.Task.WaitAsync(TimeSpan.FromSeconds(1), Ct));
    }

    [Fact]
    public async Task Notifications_ModelVersionCompletedByAnotherProcess_ReloadedThereNotHere()
    {
        var (cs, schema) = await PostgresServer.NewSchemaAsync();
        var writerHeard = new RecordingModelListener();
        var readerHeard = new RecordingModelListener();
        await using var writer = StorageUnderTest.PostgresOn(cs, schema, dropSchema: true, modelListener: writerHeard);
        await using var reader = StorageUnderTest.PostgresOn(cs, schema, dropSchema: false, modelListener: readerHeard);
        var services = new[] { writer, reader }.Select(p => p.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<PaperNotifications>().Single()).ToList();
        foreach (var service in services)
        {
            await service.StartAsync(Ct);
        }

        try
        {
            await Task.WhenAll(services.Select(n => n.Listening)).WaitAsync(TimeSpan.FromSeconds(30), Ct);
            // A refit in the writer: the model, then its vectors, then the old version goes and the new one is announced.
            var v1 = await writer.Vectors.SaveModelAsync("lsa", 2, 10, new byte[] { 1 }, Ct);
            var v2 = await writer.Vectors.SaveModelAsync("lsa", 2, 20, new byte[] { 2 }, Ct);
            await writer.Vectors.SaveVectorsAsync([new StoredVector(1, v2, 2020, "cs.LG", new byte[] { 7 })], Ct);
            await writer.Vectors.DeleteVectorsBeforeAsync(v2, Ct);
            await UntilAsync(() => readerHeard.Heard.Count > 0);
            // Notifications arrive in commit order: had a save announced its version, that would have come first.
            Assert.Equal([("lsa", v2)], readerHeard.Heard);

            // The other way round: the writer hears the reader's version, and never its own (announced before it).
            var v3 = await reader.Vectors.SaveModelAsync("neural/test", 2, 20, new byte[] { 3 }, Ct);
            await reader.Vectors.DeleteVectorsBeforeAsync(v3, Ct);
            await UntilAsync(() => writerHeard.Heard.Count > 0);
            Assert.Equal([("neural/test", v3)], writerHeard.Heard);
            Assert.True(v1 < v2);
        }
        finally
        {
            foreach (var service in services)
            {
                await service.StopAsync(CancellationToken.None);
            }
        }
    }

    [Fact]
    public async Task CopyFromSqlite_LikeSubscriptionsVotesAndVectorsPerModel_Arrive_AndALaterRunCopiesOnlyTheNewRows()
    {
        await using var sqlite = StorageUnderTest.Sqlite();
        var history = (await sqlite.Papers.UpsertAsync(
        [
            new PaperRecord { Title = "Diffusion image denoising sampler", Abstract = "diffusion image generation guidance", ArxivId = "2602.00001", Source = "t" },
            new PaperRecord { Title = "Robot locomotion on terrain", Abstract = "legged robot control", ArxivId = "2602.00002", Source = "t" },
        ], Ct)).Added;
        var sub = await sqlite.Alerts.AddAsync(new NewAlertSubscription(Lab, "like:2602.00001", AlertMode.Instant, new TimeOnly(9, 0), "UTC", "u1", [history[0].Seq], PerWeek: 2, MaxShown: 3), Ct);
        await sqlite.Papers.UpsertAsync([new PaperRecord { Title = "Diffusion image guidance sampler", Abstract = "diffusion image generation denoising", ArxivId = "2603.00001", Source = "t" }], Ct);
        var alert = (await sqlite.Alerts.ListDueAsync(sqlite.Clock.GetUtcNow(), 10, Ct))[0];
        await sqlite.Alerts.ClaimAsync([alert.Id], "key-1", sqlite.Clock.GetUtcNow(), Ct);
        await sqlite.Alerts.MarkSentAsync("key-1", sqlite.Clock.GetUtcNow(), Ct);
        await sqlite.Feedback.VoteAsync(Lab, alert.Id, "alice", Core.Alerts.Learning.AlertVote.Down, sqlite.Clock.GetUtcNow(), Ct);
        var model = (await sqlite.Feedback.ModelAsync(sub.Id, Ct))!;
        var lsa = await sqlite.Vectors.SaveModelAsync("lsa", 2, 3, new byte[] { 1 }, Ct);
        var neural = await sqlite.Vectors.SaveModelAsync("neural/test", 2, 3, new byte[] { 2 }, Ct);
        await sqlite.Vectors.SaveVectorsAsync([.. Enumerable.Range(1, 3).SelectMany(seq => new[] { new StoredVector(seq, lsa, 2020, "cs.LG", new byte[] { 10 }), new StoredVector(seq, neural, 2020, "cs.LG", new byte[] { 20 }) })], Ct);

        var (cs, schema) = await PostgresServer.NewSchemaAsync();
        var target = new PostgresDatabase(Microsoft.Extensions.Options.Options.Create(new PostgresOptions { ConnectionString = cs }), Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgresDatabase>.Instance);
        await using (var source = await sqlite.Services.GetRequiredService<SqliteDatabase>().OpenAsync(Ct))
        {
            var first = (await new CopyFromSqlite(target).CopyAsync(source, ProgressReporter.None, Ct)).Tables.ToDictionary(t => t.Table, t => t.Rows);
            Assert.Equal((1, 1, 1, 6), (first["alert_examples"], first["alert_models"], first["alert_votes"], first["similarity_vectors"]));
            var second = await new CopyFromSqlite(target).CopyAsync(source, ProgressReporter.None, Ct);
            Assert.All(second.Tables.Where(t => t.Table.StartsWith("alert_", StringComparison.Ordinal) && t.Table != "alert_state" || t.Table == "similarity_vectors"), t => Assert.Equal(0, t.Rows));

            // New vectors of both versions after the copy (the neural engine embedded more): only they move next time.
            await sqlite.Vectors.SaveVectorsAsync([new StoredVector(4, lsa, 2021, "cs.CL", new byte[] { 11 }), new StoredVector(4, neural, 2021, "cs.CL", new byte[] { 21 })], Ct);
            var third = await new CopyFromSqlite(target).CopyAsync(source, ProgressReporter.None, Ct);
            Assert.Equal(2, third.Tables.Single(t => t.Table == "similarity_vectors").Rows);
        }

        await target.DisposeAsync();
        await using var pg = StorageUnderTest.PostgresOn(cs, schema, dropSchema: true);
        var copied = Assert.Single(await pg.Alerts.ListAsync(Lab, Ct));
        Assert.Equal((sub.Id, 2.0, (int?)3, true), (copied.Id, copied.PerWeek, copied.MaxShown, copied.IsLike));
        var evidence = await pg.Feedback.EvidenceAsync(sub.Id, Ct);
        Assert.Equal([history[0].Seq], evidence.Examples);
        Assert.Equal(("alice", Core.Alerts.Learning.AlertVote.Down), (Assert.Single(evidence.Votes).UserId, evidence.Votes[0].Vote));
        var copiedModel = (await pg.Feedback.ModelAsync(sub.Id, Ct))!;
        Assert.Equal((model.SpaceId, model.Threshold), (copiedModel.SpaceId, copiedModel.Threshold));
        Assert.Equal(model.Weights, copiedModel.Weights);
        Assert.Equal(new Core.Alerts.Learning.VoteTally(0, 1), (await pg.Feedback.TalliesAsync([alert.Id], Ct))[alert.Id]);
        foreach (var (version, value) in new[] { (lsa, (byte)10), (neural, (byte)20) })
        {
            var vectors = new List<StoredVector>();
            await foreach (var v in pg.Vectors.StreamVectorsAsync(version, Ct))
            {
                vectors.Add(v);
            }

            Assert.Equal([1L, 2L, 3L, 4L], vectors.Select(v => v.Seq));
            Assert.All(vectors.Take(3), v => Assert.Equal(value, v.Vector.Span[0]));
        }

        // The copied alert can be voted on in PostgreSQL: the same person's vote replaces the copied one.
        var revote = Assert.IsType<Core.Alerts.Learning.VoteResult.Recorded>(await pg.Feedback.VoteAsync(Lab, alert.Id, "alice", Core.Alerts.Learning.AlertVote.Up, pg.Clock.GetUtcNow(), Ct));
        Assert.True(revote.Changed);
        Assert.Equal(new Core.Alerts.Learning.VoteTally(1, 0), (await pg.Feedback.TalliesAsync([alert.Id], Ct))[alert.Id]);
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 300 && !condition(); i++)
        {
            await Task.Delay(100, Ct);
        }

        Assert.True(condition(), "not within 30 s");
    }

    [Fact]
    public async Task Notifications_ModelPayloads_OwnAndMalformedIgnored()
    {
        var (cs, schema) = await PostgresServer.NewSchemaAsync();
        var heard = new RecordingModelListener();
        await using var reader = StorageUnderTest.PostgresOn(cs, schema, dropSchema: true, modelListener: heard);
        var notifications = reader.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<PaperNotifications>().Single();
        var own = reader.Services.GetRequiredService<PostgresDatabase>().ProcessToken;

        await notifications.ReloadModelAsync("7:another-process:neural/sentence:mini", Ct);
        await notifications.ReloadModelAsync($"8:{own}:lsa", Ct);
        foreach (var bad in new[] { "garbage", "x:another:lsa", "9:another:", "-1:another:lsa" })
        {
            await notifications.ReloadModelAsync(bad, Ct);
        }

        Assert.Equal([("neural/sentence:mini", 7)], heard.Heard);
    }

    [Fact]
    public async Task BulkLoad_BylineForeignKeys_DroppedForTheLoad_AddedBackAndValidatedAtItsEnd()
    {
        var (cs, schema) = await PostgresServer.NewSchemaAsync();
        await using var s = StorageUnderTest.PostgresOn(cs, schema, dropSchema: true);
        await s.Papers.CountAsync(Ct); // migrated
        string[] keys = ["paper_authors_author_id_fkey", "paper_authors_paper_seq_fkey"];
        Assert.Equal(keys, await ForeignKeysAsync(cs));

        await using (var load = await s.Bulk.BeginAsync(Ct))
        {
            Assert.Empty(await ForeignKeysAsync(cs));
            await s.Papers.UpsertAsync([.. Enumerable.Range(1, 30).Select(i => new PaperRecord { Title = $"Bylines in a load {i}", ArxivId = $"2604.{i:00000}", Authors = ["Emmy Noether", "Sofia Kovalevskaya"], Source = "t" })], Ct);
            await load.CompleteAsync(null, Ct);
        }

        Assert.Equal(keys, await ForeignKeysAsync(cs, validatedOnly: true));
        Assert.Equal(30, Assert.Single(await s.Authors.FindAsync("Emmy Noether", 5, Ct)).PaperCount);

        // Added back means checked: a byline of a paper that does not exist fails the end of the load.
        await using (var load = await s.Bulk.BeginAsync(Ct))
        {
            await using (var connection = new NpgsqlConnection(cs))
            {
                await connection.OpenAsync(Ct);
                await using var orphan = new NpgsqlCommand("INSERT INTO paper_authors (paper_seq, position, author_id, name) SELECT 999999, 0, min(id), 'Nobody' FROM authors", connection);
                await orphan.ExecuteNonQueryAsync(Ct);
            }

            var error = await Assert.ThrowsAsync<PostgresException>(() => load.CompleteAsync(null, Ct));
            Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
        }
    }

    [Fact]
    public async Task Upsert_BatchRolledBack_TheNextBatchesStoreItsPapers_InAndOutOfABulkLoad()
    {
        // The writer keeps its per-batch lookups between batches: nothing of a rolled-back batch may stay in them,
        // or the next batch would merge its records into papers that were never stored.
        var (cs, schema) = await PostgresServer.NewSchemaAsync();
        await using var s = StorageUnderTest.PostgresOn(cs, schema, dropSchema: true);
        await s.Papers.CountAsync(Ct); // migrated
        await using (var connection = new NpgsqlConnection(cs))
        {
            await connection.OpenAsync(Ct);
            await using var trigger = new NpgsqlCommand(
                """
                CREATE FUNCTION refuse_boom() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN IF NEW.title LIKE 'Boom%' THEN RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$;
                CREATE TRIGGER refuse_boom BEFORE INSERT ON papers FOR EACH ROW EXECUTE FUNCTION refuse_boom();
                """, connection);
            await trigger.ExecuteNonQueryAsync(Ct);
        }

        var earlier = Assert.Single((await s.Papers.UpsertAsync([new PaperRecord { Title = "Stored before the rounds", ArxivId = "2605.10000", Citations = 1, Source = "t" }], Ct)).Added);
        async Task RoundAsync(int n)
        {
            PaperRecord[] records =
            [
                new() { Title = $"Arxiv paper of round {n}", ArxivId = $"2605.{n:00000}", Authors = ["Emmy Noether"], Source = "t" },
                new() { Title = $"Paper of round {n} known by its title alone", Authors = ["Sofia Kovalevskaya"], Source = "t" },
                new() { Title = $"Paper of round {n} with a DOI", Doi = $"10.1234/round{n}", Source = "t" },
            ];
            PaperRecord merge = new() { Title = "Stored before the rounds", ArxivId = "2605.10000", Citations = 50 + n, Source = "t" };
            await Assert.ThrowsAsync<PostgresException>(() => s.Papers.UpsertAsync([.. records, merge, new() { Title = "Boom", Source = "t" }], Ct));
            var stored = await s.Papers.UpsertAsync(records, Ct);
            Assert.Equal(3, stored.Added.Length);
            Assert.Equal(0, stored.Merged);
            Assert.Equal([["Emmy Noether"], ["Sofia Kovalevskaya"], []], stored.Added.Select(p => p.Authors.ToArray()));
        }

        await RoundAsync(1);
        await using (var load = await s.Bulk.BeginAsync(Ct))
        {
            await RoundAsync(2);
            await load.CompleteAsync(null, Ct);
        }

        Assert.Equal(7, await s.Papers.CountAsync(Ct));
        Assert.Equal(1, (await s.Papers.GetAsync(earlier.Id, Ct))?.Citations); // the rolled-back merges are not applied later
        Assert.Equal(2, Assert.Single(await s.Authors.FindAsync("Emmy Noether", 5, Ct)).PaperCount);
    }

    private static async Task<List<string>> ForeignKeysAsync(string cs, bool validatedOnly = false)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(
            "SELECT conname FROM pg_constraint WHERE conrelid = 'paper_authors'::regclass AND contype = 'f'" + (validatedOnly ? " AND convalidated" : "") + " ORDER BY conname", connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var names = new List<string>();
        while (await reader.ReadAsync(Ct))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    [Fact]
    public async Task CopyFromSqlite_EverythingArrives_AndASecondRunCopiesNothingNew()
    {
        await using var sqlite = StorageUnderTest.Sqlite();
        await sqlite.Alerts.AddAsync(new NewAlertSubscription(Lab, "lattices", AlertMode.Instant, new TimeOnly(9, 0), "UTC", "u1"), Ct);
        await sqlite.Papers.UpsertAsync(
        [
            .. Enumerable.Range(0, 50).Select(i => new PaperRecord { Title = $"Lattices and more lattices {i}", ArxivId = $"2604.{i:00000}", Authors = ["Emmy Noether", $"Coauthor Number{i}"], Source = "t" }),
        ], Ct);
        await sqlite.Cursors.SetAsync("arxiv", "cursor-1", sqlite.Clock.GetUtcNow(), Ct);
        await sqlite.Vectors.SaveModelAsync("lsa", 2, 50, new byte[] { 1 }, Ct);

        var (cs, schema) = await PostgresServer.NewSchemaAsync();
        var target = new PostgresDatabase(Microsoft.Extensions.Options.Options.Create(new PostgresOptions { ConnectionString = cs }), Microsoft.Extensions.Logging.Abstractions.NullLogger<PostgresDatabase>.Instance);
        await using (var source = await sqlite.Services.GetRequiredService<SqliteDatabase>().OpenAsync(Ct))
        {
            var first = await new CopyFromSqlite(target).CopyAsync(source, ProgressReporter.None, Ct);
            Assert.Equal(50, first.Tables.Single(t => t.Table == "papers").Rows);
            var second = await new CopyFromSqlite(target).CopyAsync(source, ProgressReporter.None, Ct);
            Assert.All(second.Tables.Where(t => t.Table is "papers" or "authors" or "paper_authors" or "alert_outbox"), t => Assert.Equal(0, t.Rows));
        }

        await target.DisposeAsync();
        await using var pg = StorageUnderTest.PostgresOn(cs, schema, dropSchema: true);
        Assert.Equal(50, await pg.Papers.CountAsync(Ct));
        Assert.Equal(50, (await pg.Papers.SearchAsync("lattices", 100, Ct)).Count);
        Assert.Equal(50, Assert.Single(await pg.Authors.FindAsync("Emmy Noether", 5, Ct)).PaperCount);
        Assert.Equal(50, (await pg.Alerts.ListDueAsync(pg.Clock.GetUtcNow(), 100, Ct)).Count);
        Assert.Equal("cursor-1", (await pg.Cursors.GetAsync("arxiv", Ct))!.Cursor);
        Assert.NotNull(await pg.Vectors.GetLatestModelAsync("lsa", Ct));

        // Sequences moved on: the next paper and subscription get fresh keys.
        var next = await pg.Papers.UpsertAsync([new PaperRecord { Title = "After the copy", ArxivId = "2605.00001", Source = "t" }], Ct);
        Assert.True(next.Added[0].Seq > 50);
        var sub = await pg.Alerts.AddAsync(new NewAlertSubscription(Lab, "after", AlertMode.Instant, new TimeOnly(9, 0), "UTC", "u1"), Ct);
        Assert.True(sub.Id > 1);
    }

    private sealed class RecordingModelListener : ISimilarityModelListener
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<(string Kind, int Version)> _heard = new();

        public List<(string Kind, int Version)> Heard => [.. _heard];

        public ValueTask OnModelStoredAsync(string kind, int version, CancellationToken cancellationToken)
        {
            _heard.Enqueue((kind, version));
            return ValueTask.CompletedTask;
        }
    }

    private sealed class RecordingListener : IPaperAddedListener
    {
        public List<long> Seqs { get; } = [];

        public ValueTask OnPapersAddedAsync(IReadOnlyList<Paper> added, CancellationToken cancellationToken)
        {
            Seqs.AddRange(added.Select(p => p.Seq));
            return ValueTask.CompletedTask;
        }
    }
}
