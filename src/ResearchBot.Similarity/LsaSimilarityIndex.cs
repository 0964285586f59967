using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Coordination;
using ResearchBot.Core.Health;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Progress;
using ResearchBot.Core.Similarity;
using ResearchBot.Similarity.Search;

namespace ResearchBot.Similarity;

/// <summary>
/// <see cref="ISimilarityIndex"/> over LSA vectors: loads (or fits) once, folds new papers in as they arrive, and
/// refits as a new model version in the background when the index has grown by <see cref="SimilarityOptions.RefitGrowthFactor"/>.
/// The bot's index (from <c>AddSimilarity()</c>) reports <see cref="ReadinessName"/> to the <see cref="ReadinessRegistry"/>
/// once the first load ends (an empty paper index counts as ready: there is nothing to load), and its size and build
/// times to <see cref="SimilarityMetrics"/>; a scratch index (<c>eval</c>, benchmarks) is built without them.
/// </summary>
public sealed class LsaSimilarityIndex : ISimilarityIndex, IPaperAddedListener, ISimilarityModelListener, IDisposable
{
    /// <summary>The component name in <see cref="ReadinessRegistry"/>.</summary>
    public const string ReadinessName = "index";

    private const int RrfK = 60;
    private readonly IPaperIndex _papers;
    private readonly IKeywordNeighbourSearch? _keywords;
    private readonly SimilarityOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly LsaIndexBuilder _builder;
    private readonly ReadinessRegistry? _readiness;
    private readonly SimilarityMetrics? _metrics;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SharedLoad<LsaEngine?> _loading;
    private LsaEngine? _engine;
    private readonly SingletonJob? _singleton;
    private int _refitting;
    private int _retired;

    public LsaSimilarityIndex(IPaperIndex papers, ISimilarityStore store, IOptions<SimilarityOptions> options, TimeProvider time, ILogger<LsaSimilarityIndex> logger, IKeywordNeighbourSearch? keywords = null, IProgressReporter? progress = null, ReadinessRegistry? readiness = null, SimilarityMetrics? metrics = null, SingletonJob? singleton = null)
    {
        _singleton = singleton;
        _readiness = readiness;
        _metrics = metrics;
        metrics?.ObservePapers(() => Engine?.Matrix.Count);
        _papers = papers;
        _keywords = keywords;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _builder = new LsaIndexBuilder(papers, store, _options, logger, progress ?? ProgressReporter.None, singleton);
        _loading = new SharedLoad<LsaEngine?>(LoadAsync, keep: engine => engine is not null); // an empty index is looked at again
    }

    internal LsaEngine? Engine => Volatile.Read(ref _engine);

    /// <summary>Loads or builds the index now (start-up warm-up); false when the paper index is empty.</summary>
    public async Task<bool> EnsureReadyAsync(CancellationToken cancellationToken) =>
        await EnsureEngineAsync(cancellationToken) is not null;

    /// <summary>
    /// Loads or builds the index (once; later calls await the same work). Null when the index is empty. The work runs on
    /// the index's lifetime, so a caller whose <paramref name="cancellationToken"/> fires stops waiting without
    /// cancelling it for the others; a failed or cancelled load is started again by the next caller.
    /// </summary>
    internal Task<LsaEngine?> EnsureEngineAsync(CancellationToken cancellationToken)
    {
        if (Engine is { } ready)
        {
            return Task.FromResult<LsaEngine?>(ready);
        }

        return _loading.GetAsync(cancellationToken);
    }

    private async Task<LsaEngine?> LoadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            Volatile.Write(ref _retired, 0);
            _readiness?.Report(ReadinessName, false, "loading");
            var started = _time.GetTimestamp();
            var engine = await Task.Run(() => _builder.LoadOrBuildAsync(cancellationToken), cancellationToken);
            if (engine is not null)
            {
                // Papers ingested while the load or build ran were skipped by the listener (no engine yet).
                await _builder.CatchUpAsync(engine, await _papers.CountAsync(cancellationToken), cancellationToken);
                PreparePrefilter(engine);
            }

            Volatile.Write(ref _engine, engine);
            if (engine is not null)
            {
                _metrics?.Built(SimilarityMetrics.Startup, _time.GetElapsedTime(started));
            }

            _readiness?.Report(ReadinessName, true, engine is null ? "empty (no papers yet)" : $"loaded ({engine.Matrix.Count} papers)");
            return engine;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.BuildFailed(_logger, ex);
            _readiness?.Report(ReadinessName, false, "build failed");
            throw;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<SimilarityResult> FindSimilarAsync(Paper paper, SimilarityQuery query, CancellationToken cancellationToken) =>
        FindAsync(LsaEngine.TextOf(paper), paper.Seq, query, cancellationToken);

    public Task<SimilarityResult> FindByDescriptionAsync(string description, SimilarityQuery query, CancellationToken cancellationToken) =>
        FindAsync(description, -1, query, cancellationToken);

    private async Task<SimilarityResult> FindAsync(string text, long excludeSeq, SimilarityQuery query, CancellationToken cancellationToken)
    {
        var engine = Engine ?? await WaitForEngineAsync(cancellationToken);
        if (engine is null)
        {
            return SimilarityResult.NotReady("LSA");
        }

        var weights = engine.Model.Weights(text);
        if (weights.Count == 0)
        {
            return new SimilarityResult([], SimilarityStatus.NoKnownTerms, engine.Description);
        }

        var limit = Math.Clamp(query.Limit, 1, 50);
        var filter = new RowFilter(query.SinceYear ?? 0, query.Category is { } c ? engine.Matrix.Categories.Containing(c) : null, excludeSeq);
        var candidates = _options.UsesPrefilter(engine.Matrix.Count) ? _options.PrefilterCandidates : 0;
        var ranked = engine.Search(weights, filter, _options.FuseWithKeywords ? Math.Max(limit, 30) : limit, candidates, _options.Prefilter, _options.Feedback)
            .Select(r => (r.Seq, Score: (double)r.Score)).ToList();
        if (_options.FuseWithKeywords && _keywords is not null && filter.IsTrivial)
        {
            ranked = await FuseAsync(engine, weights, ranked, excludeSeq, limit, cancellationToken);
        }

        ranked = [.. ranked.Take(limit)];
        var found = await _papers.GetBySeqAsync([.. ranked.Select(r => r.Seq)], cancellationToken);
        var bySeq = found.ToDictionary(p => p.Seq);
        var probe = engine.Probe(weights);
        var neighbours = ranked.Where(r => bySeq.ContainsKey(r.Seq))
            .Select(r => new SimilarPaper(bySeq[r.Seq], r.Score, probe.SharedTerms(LsaEngine.TextOf(bySeq[r.Seq]))))
            .ToImmutableArray();
        return new SimilarityResult(neighbours, SimilarityStatus.Ok, engine.Description);
    }

    private async Task<LsaEngine?> WaitForEngineAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await EnsureEngineAsync(CancellationToken.None).WaitAsync(_options.ReadyTimeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return null;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return null; // BuildFailed was logged; answer "not ready" and let the next query retry.
        }
    }

    /// <summary>Reciprocal rank fusion of the vector ranking with an FTS5 query of the text's top terms; scores stay cosine.</summary>
    private async Task<List<(long Seq, double Score)>> FuseAsync(LsaEngine engine, List<(int Term, float Weight)> weights, List<(long Seq, double Score)> vector, long excludeSeq, int limit, CancellationToken cancellationToken)
    {
        try
        {
            var keyword = await _keywords!.SearchAnyAsync(engine.TopTerms(weights, 25), vector.Count + 1, abstractOnly: false, cancellationToken);
            return [.. Rrf(vector.Select(v => v.Seq), keyword.Select(k => k.Seq).Where(s => s != excludeSeq))
                .Select(seq => (seq, vector.FirstOrDefault(v => v.Seq == seq).Score))];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.FusionFailed(_logger, ex);
            return vector;
        }
    }

    /// <summary>Reciprocal rank fusion (Cormack et al. 2009, k = 60) of two rankings.</summary>
    public static List<long> Rrf(IEnumerable<long> first, IEnumerable<long> second)
    {
        var scores = new Dictionary<long, double>();
        foreach (var list in new[] { first, second })
        {
            var rank = 0;
            foreach (var seq in list)
            {
                scores[seq] = scores.GetValueOrDefault(seq) + 1.0 / (RrfK + ++rank);
            }
        }

        return [.. scores.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key).Select(kv => kv.Key)];
    }

    /// <summary>Projects new papers with the current model; starts a background refit when the index has grown enough.</summary>
    public async ValueTask OnPapersAddedAsync(IReadOnlyList<Paper> added, CancellationToken cancellationToken)
    {
        var engine = Engine;
        if (engine is null || added.Count == 0 || Volatile.Read(ref _retired) == 1)
        {
            return; // The first load or build will include them.
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            engine = Engine!;
            await _builder.FlushAsync(engine, [.. added], cancellationToken);
        }
        finally
        {
            _gate.Release();
        }

        if (_builder.NeedsRefit(engine.FittedOn, engine.Matrix.Count) && Interlocked.CompareExchange(ref _refitting, 1, 0) == 0)
        {
            Log.RefitStarted(_logger, engine.FittedOn, engine.Matrix.Count);
            _ = Task.Run(() => RefitAsync(CancellationToken.None), CancellationToken.None);
        }
    }

    /// <summary>
    /// Fits a new model version and swaps it in; queries keep using the old one meanwhile. With several processes on
    /// one database only the holder of the <see cref="SingletonJobNames.SimilarityFit"/> lease refits; a process that
    /// finds it held skips (another one is fitting), and a fit whose lease is lost stops.
    /// </summary>
    public async Task RefitAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_singleton is null)
            {
                await FitAndSwapAsync(cancellationToken);
            }
            else
            {
                await _singleton.TryRunOnceAsync(SingletonJobNames.SimilarityFit, FitAndSwapAsync, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.BuildFailed(_logger, ex);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The fit lease was lost: the next growth check (or another process) fits again.
        }
        finally
        {
            Volatile.Write(ref _refitting, 0);
        }
    }

    private async Task FitAndSwapAsync(CancellationToken cancellationToken)
    {
        var started = _time.GetTimestamp();
        var total = await _papers.CountAsync(cancellationToken);
        var fresh = await _builder.FitAsync(total, cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _builder.CatchUpAsync(fresh, await _papers.CountAsync(cancellationToken), cancellationToken);
            PreparePrefilter(fresh);
            if (Volatile.Read(ref _retired) == 0)
            {
                Volatile.Write(ref _engine, fresh);
            }

            _metrics?.Built(SimilarityMetrics.Refit, _time.GetElapsedTime(started));
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Another process completed a newer LSA model version (its refit): load it with its vectors, project what it does not
    /// hold yet, and swap it in; queries keep using the loaded one meanwhile. Nothing to do before the first load (it
    /// reads the newest version) or once the neural engine took over.
    /// </summary>
    public async ValueTask OnModelStoredAsync(string kind, int version, CancellationToken cancellationToken)
    {
        if (kind != LsaEngine.Kind || Engine is not { } current || current.Model.Version >= version || Volatile.Read(ref _retired) == 1)
        {
            return;
        }

        var started = _time.GetTimestamp();
        var fresh = await Task.Run(() => _builder.LoadNewerAsync(current.Model.Version, cancellationToken), cancellationToken);
        if (fresh is null)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await _builder.CatchUpAsync(fresh, await _papers.CountAsync(cancellationToken), cancellationToken);
            PreparePrefilter(fresh);
            if (Volatile.Read(ref _retired) == 0 && Engine is { } now && now.Model.Version < fresh.Model.Version)
            {
                Volatile.Write(ref _engine, fresh);
                Log.ModelReloaded(_logger, LsaEngine.Kind, fresh.Model.Version, fresh.Matrix.Count);
                _metrics?.Built(SimilarityMetrics.Refit, _time.GetElapsedTime(started));
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Fits the pre-pass codes now, when the index is big enough to use them, rather than in the first query.</summary>
    private void PreparePrefilter(LsaEngine engine)
    {
        if (_options.Prefilter == PrefilterKind.Codes && _options.UsesPrefilter(engine.Matrix.Count))
        {
            engine.Matrix.EnsureCodes();
        }
    }

    /// <summary>
    /// Drops the loaded engine (the neural engine took over and LSA's matrix is not needed any more): new papers are no
    /// longer folded in and no refit starts. A later query loads it again.
    /// </summary>
    public void Unload()
    {
        Volatile.Write(ref _retired, 1);
        _loading.Reset();

        Volatile.Write(ref _engine, null);
    }

    /// <summary>Stops a load in flight; idempotent (the container may dispose one instance under several service types).</summary>
    public void Dispose()
    {
        _loading.Dispose();
        _gate.Dispose(); // SemaphoreSlim allows a second Dispose
    }
}
