using Microsoft.Extensions.Logging.Abstractions;
using ResearchBot.Core.Similarity;
using ResearchBot.Similarity.Neural;
using ResearchBot.TestKit;

namespace ResearchBot.Similarity.Tests;

/// <summary>
/// The load both engines share between callers (start-up warm-up, the first query, the embedding job, a model-stored
/// notification) must not belong to the caller that happened to start it: when that caller's token fires (shutdown of
/// the notification listener, a handler timing out), the others still get the engine, and a failed load is tried again.
/// Every wait here is bounded, so a regression fails instead of hanging.
/// </summary>
public sealed class SharedLoadCancellationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromMinutes(2); // the embedding set-up is slow on a busy 2-core machine

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Neural_NotificationCancelledMidReload_AnotherCallerWaitingOnTheSameLoadStillGetsTheEngine()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        var embedder = new HashingTextEmbedder();
        var store = new GatedStore(f.Store);
        using var waiting = NewNeural(f, store, embedder);
        Assert.False(await waiting.EnsureReadyAsync(Ct).WaitAsync(Bound, Ct)); // no model yet: LSA answers
        using var worker = f.NewNeuralIndex(embedder, f.NewIndex());
        Assert.Equal(EmbeddingOutcome.Complete, await worker.EmbedMissingAsync(Ct).WaitAsync(Bound, Ct));

        store.Hold();
        using var notification = new CancellationTokenSource();
        var reload = waiting.OnModelStoredAsync(worker.Kind, worker.Engine!.Version, notification.Token).AsTask();
        await store.Entered.WaitAsync(Bound, Ct); // the reload is reading the model
        var ready = waiting.EnsureReadyAsync(Ct); // joins the reload in flight
        await notification.CancelAsync(); // e.g. the listener shuts down, or its handler timed out
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reload.WaitAsync(Bound, Ct)); // the notification stops waiting
        store.Open();

        Assert.True(await ready.WaitAsync(Bound, Ct)); // …but the load it started goes on for everyone else
        Assert.True(waiting.IsComplete);
        Assert.Equal(worker.Engine.Version, waiting.Engine!.Version);
    }

    [Fact]
    public async Task Neural_FirstLoadFailsOrIsCancelled_LaterCallersLoadAgain()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        var embedder = new HashingTextEmbedder();
        using var worker = f.NewNeuralIndex(embedder, f.NewIndex());
        Assert.Equal(EmbeddingOutcome.Complete, await worker.EmbedMissingAsync(Ct).WaitAsync(Bound, Ct));
        var store = new GatedStore(f.Store);
        using var index = NewNeural(f, store, embedder);

        store.FailNext(new IOException("connection reset"));
        await Assert.ThrowsAsync<IOException>(() => index.EnsureReadyAsync(Ct).WaitAsync(Bound, Ct));
        store.Hold();
        using var impatient = new CancellationTokenSource();
        var first = index.EnsureReadyAsync(impatient.Token);
        await store.Entered.WaitAsync(Bound, Ct);
        await impatient.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first.WaitAsync(Bound, Ct));
        store.Open();

        Assert.True(await index.EnsureReadyAsync(Ct).WaitAsync(Bound, Ct));
        Assert.Equal(worker.Engine!.Version, index.Engine!.Version);
    }

    [Fact]
    public async Task Lsa_WarmUpCancelledMidLoad_AQueryWaitingOnTheSameLoadStillAnswers()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();
        await f.Index.EnsureReadyAsync(Ct).WaitAsync(Bound, Ct); // a stored model to load
        var store = new GatedStore(f.Store);
        using var index = new LsaSimilarityIndex(f.Papers, store, Microsoft.Extensions.Options.Options.Create(f.Options), TimeProvider.System, NullLogger<LsaSimilarityIndex>.Instance, f.Keywords);
        var paper = (await f.Papers.FindByTitleAsync("Compiling to linear neurons", 1, Ct))[0].Paper;

        store.Hold();
        using var warmUp = new CancellationTokenSource();
        var warming = index.EnsureReadyAsync(warmUp.Token);
        await store.Entered.WaitAsync(Bound, Ct);
        var query = index.FindSimilarAsync(paper, new SimilarityQuery(5), Ct); // waits for the same load
        await warmUp.CancelAsync(); // start-up gave up on the warm-up
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => warming.WaitAsync(Bound, Ct));
        store.Open();

        var result = await query.WaitAsync(Bound, Ct);
        Assert.Equal(SimilarityStatus.Ok, result.Status);
        Assert.NotEmpty(result.Neighbours);
        Assert.NotNull(index.Engine);
    }

    private static NeuralSimilarityIndex NewNeural(SimilarityFixture f, ISimilarityStore store, HashingTextEmbedder embedder) =>
        new(f.Papers, store, embedder, f.NewIndex(), Microsoft.Extensions.Options.Options.Create(f.Options), TimeProvider.System, NullLogger<NeuralSimilarityIndex>.Instance, f.Keywords);

    /// <summary>The real store, with a gate on reading the latest model: hold it to catch a load in flight, or fail one read.</summary>
    private sealed class GatedStore(ISimilarityStore inner) : ISimilarityStore
    {
        private TaskCompletionSource _entered = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource? _gate;
        private Exception? _fail;

        /// <summary>Completes when a read reached the held gate.</summary>
        public Task Entered => _entered.Task;

        public void Hold()
        {
            _entered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        public void Open() => Interlocked.Exchange(ref _gate, null)?.TrySetResult();

        public void FailNext(Exception ex) => _fail = ex;

        public async Task<StoredSimilarityModel?> GetLatestModelAsync(string kind, CancellationToken cancellationToken)
        {
            if (Interlocked.Exchange(ref _fail, null) is { } fail)
            {
                throw fail;
            }

            if (Volatile.Read(ref _gate) is { } gate)
            {
                _entered.TrySetResult();
                await gate.Task.WaitAsync(cancellationToken); // a real store honours the token too
            }

            return await inner.GetLatestModelAsync(kind, cancellationToken);
        }

        public Task<int> SaveModelAsync(string kind, int dimensions, long fittedOn, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
            inner.SaveModelAsync(kind, dimensions, fittedOn, data, cancellationToken);

        public Task SaveVectorsAsync(IReadOnlyList<StoredVector> vectors, CancellationToken cancellationToken) => inner.SaveVectorsAsync(vectors, cancellationToken);

        public IAsyncEnumerable<StoredVector> StreamVectorsAsync(int modelVersion, CancellationToken cancellationToken) => inner.StreamVectorsAsync(modelVersion, cancellationToken);

        public Task DeleteVectorsBeforeAsync(int modelVersion, CancellationToken cancellationToken) => inner.DeleteVectorsBeforeAsync(modelVersion, cancellationToken);
    }
}
