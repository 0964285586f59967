using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Microsoft.Extensions.Logging.Abstractions;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Progress;
using ResearchBot.Core.Similarity;
using ResearchBot.Similarity.Neural;
using ResearchBot.Similarity.Search;
using ResearchBot.TestKit;

namespace ResearchBot.Similarity.Tests;

/// <summary>
/// Database-side augmentation in the neural index: the formula, the pass over the complete index (atomic switch, resume
/// after a crash, start-up from the augmented version), new papers afterwards, the repeated pass, and the setting's 0.
/// The demo data in a real SQLite index, the deterministic hashing embedder.
/// </summary>
public sealed class NeuralAugmentationTests
{
    private const string Raw = "neural/hashing-bow/256";
    private const string Augmented = "neural/hashing-bow/256+dba";

    /// <summary>The default k, which the fixture's options keep.</summary>
    private static readonly int K = new SimilarityOptions().NeuralAugmentNeighbours;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Augment_IsTheVectorPlusItsNearestWeightedByCosine_Normalised()
    {
        // Four dimensions: a's two nearest are b (cosine 0.8) and c (0.6); d is orthogonal and e opposite.
        float[][] rows = [[1, 0, 0, 0], [0.8f, 0.6f, 0, 0], [0.6f, 0.8f, 0, 0], [0, 0, 1, 0], [-1, 0, 0, 0]];
        var matrix = new VectorMatrix(4, new float[4], rows.Length);
        for (var i = 0; i < rows.Length; i++)
        {
            matrix.Append(i + 1, 0, "", VectorCodec.Encode(rows[i]));
        }

        float[]? VectorOf(long seq) => DatabaseAugmentation.Unit(VectorCodec.Encode(rows[seq - 1]));

        var two = DatabaseAugmentation.Unit(DatabaseAugmentation.Augment(matrix, VectorOf, rows[0], 1, 2, 0, PrefilterKind.Codes));
        var four = DatabaseAugmentation.Unit(DatabaseAugmentation.Augment(matrix, VectorOf, rows[0], 1, 4, 0, PrefilterKind.Codes));

        // Weights cosine³: a + 0.512·b + 0.216·c = (1.5392, 0.48, 0, 0), normalised.
        var norm = MathF.Sqrt(1.5392f * 1.5392f + 0.48f * 0.48f);
        Assert.Equal(1.5392f / norm, two[0], 0.01f);
        Assert.Equal(0.48f / norm, two[1], 0.01f);
        Assert.Equal(0f, two[2], 0.001f);
        // d (cosine 0) and e (cosine −1) add nothing: negative cosines weigh 0, so k = 4 equals k = 2 here.
        Assert.Equal(two, four);
        // The row itself is left out (its own copy would be its nearest): b's nearest is c (cosine 0.96), so b + 0.96³·c.
        var self = DatabaseAugmentation.Unit(DatabaseAugmentation.Augment(matrix, VectorOf, rows[1], 2, 1, 0, PrefilterKind.Codes));
        const float w = 0.96f * 0.96f * 0.96f;
        float[] expected = [0.8f + w * 0.6f, 0.6f + w * 0.8f];
        // Plain cosine weights (α = 1, the passes stored before α was) on request: a + 0.8·b + 0.6·c = (2.0, 0.96, 0, 0).
        var linear = DatabaseAugmentation.Unit(DatabaseAugmentation.Augment(matrix, VectorOf, rows[0], 1, 2, 0, PrefilterKind.Codes, exponent: 1));
        Assert.Equal(2.0f / MathF.Sqrt(2.0f * 2.0f + 0.96f * 0.96f), linear[0], 0.01f);
        var n2 = MathF.Sqrt(expected[0] * expected[0] + expected[1] * expected[1]);
        Assert.Equal(expected[0] / n2, self[0], 0.01f);
        Assert.Equal(expected[1] / n2, self[1], 0.01f);
    }

    [Fact]
    public async Task Pass_StoresEveryPapersAugmentedVector_AsTheFormulaOverTheRawMatrix_AndSwitches()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        using var neural = f.NewNeuralIndex(new HashingTextEmbedder());

        Assert.Equal(EmbeddingOutcome.Complete, await neural.EmbedMissingAsync(Ct));

        var total = (int)await f.Papers.CountAsync(Ct);
        var raw = await VectorsAsync(f.Store, Raw);
        var augmented = await VectorsAsync(f.Store, Augmented);
        Assert.Equal(total, raw.Count);
        Assert.Equal(total, augmented.Count);
        Assert.True(neural.Engine!.IsAugmented);
        Assert.Equal(total, neural.Engine.Count);
        Assert.EndsWith($"+ DBA k={K} α=3", neural.ActiveEngine);
        // Brute force in floats: each raw vector plus its K nearest raw vectors, weighted by cosine³.
        var cosines = raw.Keys.Select(seq => Cosine(augmented[seq], Expected(raw[seq], seq, raw, K))).ToList();
        // The scan scores in int8, so where the k-th and (k+1)-th nearest almost tie it may keep the other one: a few papers differ a little.
        Assert.True(cosines.Average() > 0.999, $"mean cosine {cosines.Average()}");
        Assert.True(cosines.Count(c => c > 0.999) >= 0.95 * total, $"{cosines.Count(c => c > 0.999)} of {total} above 0.999");
        Assert.True(cosines.Min() > 0.95, $"min cosine {cosines.Min()}");
        var moved = raw.Keys.Average(seq => Cosine(augmented[seq], raw[seq]));
        Assert.True(moved < 0.998, $"mean cosine with the raw vectors {moved}"); // the vectors did move (cosine³ weights move them less than plain cosine did), farther than the formula check tolerates
    }

    [Fact]
    public async Task DuringThePass_AnswersAreAllRaw_ThenAllAugmented_AndPapersArrivingMeanwhileAreIn()
    {
        using var f = new SimilarityFixture(SimilarityFixture.NeuralOptions());
        var records = SimilarityFixture.DemoRecords();
        await f.Ingestor.IngestAsync([.. records.Take(290)], Ct);
        var pass = new PausingProgress(pauseAt: 2);
        using var neural = f.NewNeuralIndex(new HashingTextEmbedder(), progress: pass);
        var paper = (await f.Papers.FindByTitleAsync("Compiling to linear neurons", 1, Ct))[0].Paper;

        var job = neural.EmbedMissingAsync(Ct);
        await pass.Paused.WaitAsync(Ct);

        // Two batches of the pass are stored; the raw engine answers, with feedback as before.
        Assert.True(neural.IsComplete);
        Assert.False(neural.Engine!.IsAugmented);
        Assert.Equal(32, (await VectorsAsync(f.Store, Augmented)).Count);
        var before = await neural.FindSimilarAsync(paper, new SimilarityQuery(10), Ct);
        Assert.DoesNotContain("DBA", before.Engine);
        // Papers arrive while the pass runs: embedded raw, and covered by the pass before the switch.
        var ingestor = new PaperIngestor(f.Papers, [f.Index, neural], NullLogger<PaperIngestor>.Instance);
        await ingestor.IngestAsync([.. records.Skip(290)], Ct);

        var answers = new ConcurrentBag<SimilarityResult>();
        using var stop = new CancellationTokenSource();
        var queries = Task.Run(async () =>
        {
            do
            {
                answers.Add(await neural.FindSimilarAsync(paper, new SimilarityQuery(10), Ct));
            }
            while (!stop.IsCancellationRequested);
        }, Ct);
        pass.Resume();
        Assert.Equal(EmbeddingOutcome.Complete, await job);
        await Task.Delay(50, Ct);
        await stop.CancelAsync();
        await queries;
        var after = await neural.FindSimilarAsync(paper, new SimilarityQuery(10), Ct);

        Assert.Contains("DBA", after.Engine);
        Assert.NotEqual(Seqs(before), Seqs(after));
        Assert.NotEmpty(answers);
        // Every answer while switching is one engine's whole answer: never an error, never a mix.
        Assert.All(answers, a => Assert.True(
            a.Status == SimilarityStatus.Ok && (a.Engine == before.Engine && Seqs(a).SequenceEqual(Seqs(before)) || a.Engine == after.Engine && Seqs(a).SequenceEqual(Seqs(after))),
            $"{a.Engine}: {string.Join(",", Seqs(a))}"));
        var total = (int)await f.Papers.CountAsync(Ct);
        Assert.Equal(total, neural.Engine!.Count);
        Assert.Equal(total, (await VectorsAsync(f.Store, Augmented)).Count);
        Assert.Equal(total, (await VectorsAsync(f.Store, Raw)).Count);
    }

    [Fact]
    public async Task AfterACrashMidPass_TheRestartAnswersRaw_AndContinuesThePass()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        var total = (int)await f.Papers.CountAsync(Ct);
        using (var first = f.NewNeuralIndex(new HashingTextEmbedder(), progress: new PausingProgress(pauseAt: 3, crash: true)))
        {
            await Assert.ThrowsAsync<IOException>(() => first.EmbedMissingAsync(Ct));
        }

        var model = await f.Store.GetLatestModelAsync(Augmented, Ct);
        var stored = await VectorsAsync(f.Store, Augmented);
        Assert.Equal(3 * 16, stored.Count); // three batches saved before the crash

        var progress = new PausingProgress(pauseAt: int.MaxValue);
        var embedder = new HashingTextEmbedder();
        using var restarted = f.NewNeuralIndex(embedder, progress: progress);
        Assert.True(await restarted.EnsureReadyAsync(Ct));
        Assert.False(restarted.Engine!.IsAugmented); // the incomplete pass is not served
        Assert.True(restarted.AugmentationDue);
        var rawEngine = Weak(restarted);

        Assert.Equal(EmbeddingOutcome.Complete, await restarted.EmbedMissingAsync(Ct));

        Assert.Equal(0, embedder.Texts);
        Assert.Equal(total - stored.Count, progress.LastCount); // only the papers the crash left out were computed
        Assert.Equal(model!.Version, (await f.Store.GetLatestModelAsync(Augmented, Ct))!.Version); // the same version, continued
        var after = await VectorsAsync(f.Store, Augmented);
        Assert.Equal(total, after.Count);
        Assert.All(stored, s => Assert.Equal(s.Value, after[s.Key]));
        Assert.True(restarted.Engine!.IsAugmented);
        Assert.Equal(model.Version, restarted.Engine.Version);
        // The raw matrix the start-up loaded is not kept once the augmented one answers (memory per paper as before).
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Assert.False(rawEngine.IsAlive);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference Weak(NeuralSimilarityIndex index) => new(index.Engine);

    [Fact]
    public async Task Restart_WithTheAugmentedVersionComplete_LoadsOnlyIt()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        int version;
        using (var first = f.NewNeuralIndex(new HashingTextEmbedder()))
        {
            await first.EmbedMissingAsync(Ct);
            version = first.Engine!.Version;
        }

        var store = new CountingStore(f.Store);
        using var restarted = f.NewNeuralIndex(new HashingTextEmbedder(), store: store);

        Assert.True(await restarted.EnsureReadyAsync(Ct));
        Assert.True(restarted.Engine!.IsAugmented);
        Assert.Equal(version, restarted.Engine.Version);
        Assert.Equal([version], store.Streamed); // the raw vectors are not read at start-up
        Assert.False(restarted.AugmentationDue);
    }

    [Fact]
    public async Task NewPaper_AfterThePass_IsAugmentedAgainstTheStoredAugmentedMatrix()
    {
        using var f = new SimilarityFixture(SimilarityFixture.NeuralOptions());
        var records = SimilarityFixture.DemoRecords();
        await f.Ingestor.IngestAsync([.. records.Take(records.Count - 1)], Ct);
        using var neural = f.NewNeuralIndex(new HashingTextEmbedder());
        await neural.EmbedMissingAsync(Ct);
        var matrix = await VectorsAsync(f.Store, Augmented);
        var ingestor = new PaperIngestor(f.Papers, [f.Index, neural], NullLogger<PaperIngestor>.Instance);

        await ingestor.IngestAsync([records[^1]], Ct);

        var late = (await f.Papers.FindByTitleAsync(records[^1].Title, 1, Ct))[0].Paper;
        var raw = await VectorsAsync(f.Store, Raw);
        var augmented = await VectorsAsync(f.Store, Augmented);
        Assert.True(raw.ContainsKey(late.Seq)); // the raw vector is kept for the next full pass
        Assert.True(Cosine(augmented[late.Seq], Expected(raw[late.Seq], late.Seq, matrix, K)) > 0.999);
        Assert.True(Cosine(augmented[late.Seq], raw[late.Seq]) < 0.99);
        Assert.True(neural.Engine!.IsAugmented);
        Assert.Equal(augmented.Count, neural.Engine.Count);
        Assert.Equal(augmented[late.Seq], neural.Engine.VectorOf(late.Seq)!, new ToleranceComparer(0.0001f));
        Assert.False(neural.AugmentationDue); // one paper more is no reason for a full pass
    }

    [Fact]
    public async Task IndexGrownByHalf_RunsTheFullPassAgain_WhileThePreviousVersionAnswers()
    {
        using var f = new SimilarityFixture(SimilarityFixture.NeuralOptions());
        var records = SimilarityFixture.DemoRecords();
        await f.Ingestor.IngestAsync([.. records.Take(180)], Ct);
        using var neural = f.NewNeuralIndex(new HashingTextEmbedder());
        await neural.EmbedMissingAsync(Ct);
        var first = neural.Engine!.Version;
        var ingestor = new PaperIngestor(f.Papers, [f.Index, neural], NullLogger<PaperIngestor>.Instance);
        await ingestor.IngestAsync([.. records.Skip(180)], Ct);
        Assert.True(neural.AugmentationDue);
        Assert.Equal(first, neural.Engine!.Version); // new papers were augmented into the answering version meanwhile

        Assert.Equal(EmbeddingOutcome.Complete, await neural.EmbedMissingAsync(Ct));

        var total = (int)await f.Papers.CountAsync(Ct);
        var second = await f.Store.GetLatestModelAsync(Augmented, Ct);
        Assert.True(second!.Version > first);
        Assert.Equal(second.Version, neural.Engine!.Version);
        Assert.Equal(total, neural.Engine.Count);
        Assert.False(neural.AugmentationDue);
        Assert.Equal(0, await CountAsync(f.Store.StreamVectorsAsync(first, Ct))); // the previous version is deleted once replaced
        // The repeated pass read the raw vectors: every stored vector is the formula over the raw matrix again.
        var raw = await VectorsAsync(f.Store, Raw);
        var augmented = await VectorsAsync(f.Store, Augmented);
        Assert.Equal(total, raw.Count);
        Assert.True(raw.Keys.Average(seq => Cosine(augmented[seq], Expected(raw[seq], seq, raw, K))) > 0.999);
    }

    [Fact]
    public async Task AnotherProcessCompletingThePass_IsLoadedWhenAnnounced()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        f.Options.NeuralAugmentNeighbours = 0;
        using (var embedding = f.NewNeuralIndex(new HashingTextEmbedder()))
        {
            await embedding.EmbedMissingAsync(Ct);
        }

        f.Options.NeuralAugmentNeighbours = 10;
        using var listener = f.NewNeuralIndex(new HashingTextEmbedder());
        Assert.True(await listener.EnsureReadyAsync(Ct));
        Assert.False(listener.Engine!.IsAugmented);
        using var other = f.NewNeuralIndex(new HashingTextEmbedder());
        await other.EmbedMissingAsync(Ct);

        await listener.OnModelStoredAsync(Augmented, other.Engine!.Version, Ct);

        Assert.True(listener.Engine!.IsAugmented);
        Assert.Equal(other.Engine.Version, listener.Engine.Version);
    }

    [Fact]
    public async Task SettingZero_TurnsAugmentationOff_AndARestartServesTheRawVectors()
    {
        using var f = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        using (var augmenting = f.NewNeuralIndex(new HashingTextEmbedder()))
        {
            await augmenting.EmbedMissingAsync(Ct);
            Assert.True(augmenting.Engine!.IsAugmented);
        }

        f.Options.NeuralAugmentNeighbours = 0;
        using var off = f.NewNeuralIndex(new HashingTextEmbedder());
        Assert.True(await off.EnsureReadyAsync(Ct));
        Assert.Equal(EmbeddingOutcome.Complete, await off.EmbedMissingAsync(Ct));

        Assert.False(off.Engine!.IsAugmented);
        Assert.False(off.AugmentationDue);
        Assert.DoesNotContain("DBA", off.ActiveEngine);

        using var fresh = await new SimilarityFixture(SimilarityFixture.NeuralOptions()).WithDemoDataAsync();
        fresh.Options.NeuralAugmentNeighbours = 0;
        using var never = fresh.NewNeuralIndex(new HashingTextEmbedder());
        await never.EmbedMissingAsync(Ct);
        Assert.Null(await fresh.Store.GetLatestModelAsync(Augmented, Ct)); // no pass ran
        Assert.False(never.Engine!.IsAugmented);
    }

    /// <summary>What a full pass stores for a raw vector: itself plus its k nearest of <paramref name="matrix"/> by exact float cosine³ (0 when negative), normalised.</summary>
    private static float[] Expected(float[] vector, long seq, Dictionary<long, float[]> matrix, int k)
    {
        var sum = (float[])vector.Clone();
        foreach (var (other, cosine) in matrix.Where(m => m.Key != seq).Select(m => (m.Value, TensorPrimitives.Dot(vector, m.Value))).OrderByDescending(x => x.Item2).Take(k))
        {
            TensorPrimitives.MultiplyAdd(other, MathF.Pow(Math.Max(0, cosine), DatabaseAugmentation.WeightExponent), sum, sum);
        }

        TensorPrimitives.Divide(sum, TensorPrimitives.Norm(sum), sum);
        return sum;
    }

    private static float Cosine(float[] a, float[] b) => TensorPrimitives.CosineSimilarity(a, b);

    private static long[] Seqs(SimilarityResult r) => [.. r.Neighbours.Select(n => n.Paper.Seq)];

    /// <summary>The latest version of a kind, every vector as a unit float vector by seq.</summary>
    private static async Task<Dictionary<long, float[]>> VectorsAsync(ISimilarityStore store, string kind)
    {
        var model = await store.GetLatestModelAsync(kind, Ct);
        var result = new Dictionary<long, float[]>();
        if (model is null)
        {
            return result;
        }

        await foreach (var v in store.StreamVectorsAsync(model.Version, Ct))
        {
            result[v.Seq] = DatabaseAugmentation.Unit(v.Vector.Span);
        }

        return result;
    }

    private static async Task<int> CountAsync<T>(IAsyncEnumerable<T> source)
    {
        var n = 0;
        await foreach (var _ in source)
        {
            n++;
        }

        return n;
    }

    private sealed class ToleranceComparer(float tolerance) : IEqualityComparer<float>
    {
        public bool Equals(float x, float y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(float obj) => 0;
    }

    /// <summary>
    /// The augmentation pass's progress: at the <c>pauseAt</c>-th report (after that many batches are saved) it blocks
    /// until <see cref="Resume"/>, or throws as a killed process would stop (<c>crash</c>). Other steps pass through.
    /// </summary>
    private sealed class PausingProgress(int pauseAt, bool crash = false) : IProgressReporter, IProgressTracker
    {
        private readonly ManualResetEventSlim _resume = new();
        private readonly TaskCompletionSource _paused = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _reports;

        public Task Paused => _paused.Task;

        public long LastCount { get; private set; }

        public void Resume() => _resume.Set();

        public IProgressTracker Start(string title, string? unit) => title.Contains("augment", StringComparison.Ordinal) ? this : ProgressReporter.None;

        public void Report(long count, double? fraction = null, string? note = null)
        {
            LastCount = count;
            if (++_reports != pauseAt)
            {
                return;
            }

            if (crash)
            {
                throw new IOException("process killed");
            }

            _paused.SetResult();
            _resume.Wait(TestContext.Current.CancellationToken);
        }

        public void Dispose()
        {
        }
    }

    /// <summary>The SQLite store, recording which versions' vectors were read.</summary>
    private sealed class CountingStore(ISimilarityStore inner) : ISimilarityStore
    {
        public List<int> Streamed { get; } = [];

        public Task<StoredSimilarityModel?> GetLatestModelAsync(string kind, CancellationToken cancellationToken) => inner.GetLatestModelAsync(kind, cancellationToken);

        public Task<int> SaveModelAsync(string kind, int dimensions, long fittedOn, ReadOnlyMemory<byte> data, CancellationToken cancellationToken) =>
            inner.SaveModelAsync(kind, dimensions, fittedOn, data, cancellationToken);

        public Task SaveVectorsAsync(IReadOnlyList<StoredVector> vectors, CancellationToken cancellationToken) => inner.SaveVectorsAsync(vectors, cancellationToken);

        public IAsyncEnumerable<StoredVector> StreamVectorsAsync(int modelVersion, CancellationToken cancellationToken)
        {
            lock (Streamed)
            {
                Streamed.Add(modelVersion);
            }

            return inner.StreamVectorsAsync(modelVersion, cancellationToken);
        }

        public Task DeleteVectorsBeforeAsync(int modelVersion, CancellationToken cancellationToken) => inner.DeleteVectorsBeforeAsync(modelVersion, cancellationToken);
    }
}
