using System.Collections.Immutable;
using System.Numerics.Tensors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Coordination;
using ResearchBot.Core.Health;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Progress;
using ResearchBot.Core.Similarity;
using ResearchBot.Similarity.Embedding;
using ResearchBot.Similarity.Model;
using ResearchBot.Similarity.Search;

namespace ResearchBot.Similarity.Neural;

/// <summary>
/// <see cref="ISimilarityIndex"/> over sentence embeddings reduced by PCA to int8 vectors in a <see cref="VectorMatrix"/>
/// (the same scan, 2-bit pre-pass and filters as LSA). Until every paper is embedded it answers with the LSA index
/// (adding a footer note with the coverage); the background job (<see cref="EmbedMissingAsync"/>: the bot's hosted
/// service or the <c>embed</c> verb) embeds the rest in batches, saving each, so a restart continues where it stopped;
/// when the last paper is in, answers switch to the neural engine at once. New papers are embedded as they arrive.
/// Free-text queries (and papers not embedded yet) fuse the neural ranking with FTS5 BM25 (<see cref="NeuralFusion"/>).
/// With <see cref="SimilarityOptions.NeuralAugmentNeighbours"/> &gt; 0 the job then runs database-side augmentation
/// (<see cref="DatabaseAugmentation"/>) over the complete index as a second, resumable pass stored as its own model kind
/// (<see cref="NeuralModel.AugmentedKindOf"/>); answers switch to the augmented vectors when it is complete, and papers
/// arriving after that are augmented against the stored augmented matrix.
/// </summary>
public sealed partial class NeuralSimilarityIndex : ISimilarityIndex, IPaperAddedListener, ISimilarityModelListener, IPaperVectors, IDisposable
{
    /// <summary>The singleton job's name in <see cref="IJobLeases"/>.</summary>
    public const string JobName = "similarity-embedding";

    private readonly IPaperIndex _papers;
    private readonly ISimilarityStore _store;
    private readonly ITextEmbedder _embedder;
    private readonly LsaSimilarityIndex _fallback;
    private readonly SimilarityOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IKeywordNeighbourSearch? _keywords;
    private readonly IJobLeases? _leases;
    private readonly IProgressReporter _progress;
    private readonly ReadinessRegistry? _readiness;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _startLock = new();
    // Its result says whether a model was loaded, not which engine: a kept result must not hold a matrix after a switch.
    private readonly SharedLoad<bool> _loading;
    private Task<EmbeddingOutcome>? _job;
    private NeuralEngine? _engine;

    // The raw vectors an augmentation pass reads when they are not the answering engine's (a repeated pass): papers that
    // arrive meanwhile are appended here as well (under _gate), so the pass covers them.
    private NeuralEngine? _passSource;
    private long _total;
    private int _complete;

    public NeuralSimilarityIndex(IPaperIndex papers, ISimilarityStore store, ITextEmbedder embedder, LsaSimilarityIndex fallback, IOptions<SimilarityOptions> options, TimeProvider time, ILogger<NeuralSimilarityIndex> logger, IKeywordNeighbourSearch? keywords = null, IJobLeases? leases = null, IProgressReporter? progress = null, ReadinessRegistry? readiness = null)
    {
        _papers = papers;
        _store = store;
        _embedder = embedder;
        _fallback = fallback;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _keywords = keywords;
        _leases = leases;
        _progress = progress ?? ProgressReporter.None;
        _readiness = readiness;
        _loading = new SharedLoad<bool>(LoadAsync);
    }

    /// <summary>The model kind in <see cref="ISimilarityStore"/>: <c>neural/&lt;ModelId&gt;</c>.</summary>
    public string Kind => NeuralModel.KindOf(_embedder.ModelId);

    /// <summary>The augmented variant's kind in <see cref="ISimilarityStore"/>: <c>neural/&lt;ModelId&gt;+dba</c>.</summary>
    public string AugmentedKind => NeuralModel.AugmentedKindOf(_embedder.ModelId);

    /// <summary>
    /// Whether an augmentation pass is due: augmentation is on, the neural engine answers, and its vectors are raw or the
    /// index has grown by <see cref="DatabaseAugmentation.RepassGrowth"/> times the papers the last pass read.
    /// </summary>
    public bool AugmentationDue => _options.NeuralAugmentNeighbours > 0 && IsComplete && Engine is { } e
        && (e.Model.Augmented is not { } a || e.Count >= a.Papers * DatabaseAugmentation.RepassGrowth);

    /// <summary>Whether every paper is embedded and the neural engine answers.</summary>
    public bool IsComplete => Volatile.Read(ref _complete) == 1;

    /// <summary>Papers embedded so far against papers in the index.</summary>
    public EmbeddingProgress Progress => new(Engine?.Count ?? 0, Volatile.Read(ref _total), IsComplete);

    internal NeuralEngine? Engine => Volatile.Read(ref _engine);

    /// <summary>The engine the answers come from now (LSA until the switch).</summary>
    public string ActiveEngine => IsComplete ? Engine!.Description : "LSA";

    /// <summary>
    /// Loads the stored model and vectors (start-up warm-up); while coverage is incomplete, also warms the LSA index that
    /// answers meanwhile. True when the neural engine answers.
    /// </summary>
    public async Task<bool> EnsureReadyAsync(CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        if (IsComplete)
        {
            return true;
        }

        await _fallback.EnsureReadyAsync(cancellationToken);
        return false;
    }

    /// <summary>
    /// The shared load (started once; a failed or cancelled one is started again). It runs on the index's lifetime, so a
    /// caller whose <paramref name="cancellationToken"/> fires stops waiting without cancelling it for the others.
    /// </summary>
    internal Task<bool> EnsureLoadedAsync(CancellationToken cancellationToken) => _loading.GetAsync(cancellationToken);

    private async Task<bool> LoadAsync(CancellationToken cancellationToken)
    {
        try
        {
            var started = _time.GetTimestamp();
            var total = await _papers.CountAsync(cancellationToken);
            Volatile.Write(ref _total, total);
            var stored = await _store.GetLatestModelAsync(Kind, cancellationToken);
            if (stored is null)
            {
                Log.NeuralModelMissing(_logger, Kind, total);
                return false;
            }

            var model = NeuralModel.Deserialize(stored.Data);
            model.Version = stored.Version;
            if (model.Dimensions != Math.Min(_options.NeuralDimensions, model.Pca.InputDimensions) || model.Pca.InputDimensions != _embedder.Dimensions)
            {
                Log.NeuralModelStale(_logger, Kind, model.Version, model.Dimensions, _options.NeuralDimensions);
                return false; // the job fits a new version
            }

            // A complete augmented version is all a start needs (the raw vectors stay in the store for the next pass).
            var engine = (_options.NeuralAugmentNeighbours > 0 ? await LoadAugmentedAsync(model.Version, total, cancellationToken) : null)
                ?? await StreamAsync(model, total, cancellationToken);
            Volatile.Write(ref _engine, engine);
            Log.NeuralIndexLoaded(_logger, engine.IsAugmented ? AugmentedKind : Kind, engine.Version, engine.Count, total, (long)_time.GetElapsedTime(started).TotalMilliseconds);
            TrySwitch(engine, total);
            return true;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.NeuralLoadFailed(_logger, ex);
            throw;
        }
    }

    /// <summary>
    /// Another process stored a newer model of this engine (its embedding job fitted one), or finished embedding the
    /// version loaded here: load it and its vectors. While
    /// this process's neural engine already answers, the new version takes over only if it covers every paper (an answer
    /// is all one version); before that, it replaces whatever was loaded (or the nothing a start before the fit found).
    /// </summary>
    public async ValueTask OnModelStoredAsync(string kind, int version, CancellationToken cancellationToken)
    {
        if (kind == AugmentedKind)
        {
            await OnAugmentedStoredAsync(version, cancellationToken);
            return;
        }

        // A newer version, or the one loaded here while it was still being embedded elsewhere (now complete there).
        if (kind != Kind || Engine is { } loaded && (loaded.Version > version || (loaded.Version == version && IsComplete)))
        {
            return;
        }

        if (!IsComplete)
        {
            await RestartLoadAsync(Kind, cancellationToken);
            return;
        }

        var current = Engine!;
        var stored = await _store.GetLatestModelAsync(Kind, cancellationToken);
        if (stored is null || stored.Version <= current.Version)
        {
            return; // complete here already
        }

        var model = NeuralModel.Deserialize(stored.Data);
        model.Version = stored.Version;
        var total = await _papers.CountAsync(cancellationToken);
        if (model.Pca.InputDimensions != _embedder.Dimensions)
        {
            // Another embedder's model: not servable here, so its vectors are not read at all.
            Log.NeuralReloadDeferred(_logger, Kind, model.Version, 0, total, current.Version);
            return;
        }

        var fresh = await StreamAsync(model, total, cancellationToken);
        if (fresh.Count < total)
        {
            Log.NeuralReloadDeferred(_logger, Kind, model.Version, fresh.Count, total, current.Version);
            return;
        }

        if (_options.UsesPrefilter(fresh.Count) && _options.Prefilter == PrefilterKind.Codes)
        {
            fresh.Matrix.EnsureCodes();
        }

        Volatile.Write(ref _engine, fresh);
        Log.ModelReloaded(_logger, Kind, fresh.Version, fresh.Count);
    }

    /// <summary>A new engine with every stored vector of the model's version.</summary>
    private async Task<NeuralEngine> StreamAsync(NeuralModel model, long total, CancellationToken cancellationToken)
    {
        var engine = NewEngine(model, total);
        await foreach (var v in _store.StreamVectorsAsync(model.Version, cancellationToken))
        {
            engine.Append(v);
        }

        return engine;
    }

    private NeuralEngine NewEngine(NeuralModel model, long total) =>
        new(model, new VectorMatrix(model.Dimensions, new float[model.Dimensions], (int)Math.Min(int.MaxValue / 256, total + 1024)));

    /// <summary>
    /// Switches answers to the neural engine once it holds a vector for every paper: one flag, read once per query, so an
    /// answer is either all LSA or all neural. The LSA index is then unloaded (its memory is not needed any more).
    /// </summary>
    private bool TrySwitch(NeuralEngine engine, long total)
    {
        if (IsComplete)
        {
            return true;
        }

        if (total <= 0 || engine.Count < total)
        {
            return false;
        }

        if (_options.UsesPrefilter(engine.Count) && _options.Prefilter == PrefilterKind.Codes)
        {
            engine.Matrix.EnsureCodes(); // before answering, not in the first query
        }

        if (Interlocked.CompareExchange(ref _complete, 1, 0) == 0)
        {
            Log.SwitchedToNeural(_logger, engine.Description, engine.Count);
            _readiness?.Report(LsaSimilarityIndex.ReadinessName, true, $"neural index loaded ({engine.Count} papers)");
            _fallback.Unload();
        }

        return true;
    }

    /// <summary>
    /// Embeds every paper that has no vector yet (fitting the PCA reduction first when there is no model), in batches
    /// saved as they go, then switches to the neural engine. One run at a time: a second caller joins the running one.
    /// Takes the <see cref="JobName"/> lease when <see cref="IJobLeases"/> is registered (another process may hold it).
    /// </summary>
    public Task<EmbeddingOutcome> EmbedMissingAsync(CancellationToken cancellationToken)
    {
        lock (_startLock)
        {
            if (_job is null || _job.IsCompleted)
            {
                _job = Task.Run(() => RunJobAsync(cancellationToken), cancellationToken);
            }

            return _job;
        }
    }

    private async Task<EmbeddingOutcome> RunJobAsync(CancellationToken cancellationToken)
    {
        IJobLease? lease = null;
        if (_leases is not null)
        {
            lease = await _leases.TryAcquireAsync(JobName, cancellationToken);
            if (lease is null)
            {
                Log.EmbeddingLeaseHeld(_logger, JobName);
                return EmbeddingOutcome.HeldElsewhere;
            }
        }

        await using (lease)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease?.Lost ?? CancellationToken.None);
            var outcome = await EmbedAllAsync(linked.Token);
            if (outcome == EmbeddingOutcome.Complete && AugmentationDue)
            {
                await AugmentAsync(linked.Token);
            }

            return outcome;
        }
    }


    private async Task<EmbeddingOutcome> EmbedAllAsync(CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        var engine = Engine; // what the load found, or what a fit or a pass since then put in its place
        var total = await _papers.CountAsync(cancellationToken);
        Volatile.Write(ref _total, total);
        if (total == 0)
        {
            return EmbeddingOutcome.Empty;
        }

        var started = _time.GetTimestamp();
        var before = engine?.Count ?? 0;
        using var tracker = _progress.Start("neural index: embedding", "papers");
        engine ??= await FitAsync(total, tracker, cancellationToken);
        Log.EmbeddingStarted(_logger, Kind, engine.Count, total);
        var lastPercent = -1;

        // A second pass picks up papers that arrived during the first one and that the listener could not embed.
        for (var pass = 0; pass < 3 && !TrySwitch(engine, total); pass++)
        {
            var batch = new List<Paper>(_options.EmbedBatchSize);
            await foreach (var paper in _papers.StreamAllAsync(cancellationToken))
            {
                if (engine.Contains(paper.Seq))
                {
                    continue;
                }

                batch.Add(paper);
                if (batch.Count == _options.EmbedBatchSize)
                {
                    await EmbedAndStoreAsync(engine, batch, cancellationToken);
                    batch.Clear();
                    Report();
                }
            }

            await EmbedAndStoreAsync(engine, batch, cancellationToken);
            total = await _papers.CountAsync(cancellationToken);
            Volatile.Write(ref _total, total);
            Report();
        }

        var complete = TrySwitch(engine, total);
        if (complete && engine.Count > before)
        {
            // Nothing older of this kind is left, so this deletes nothing; it marks the version complete, which a shared
            // backend announces to the other processes (they load the vectors this run embedded).
            await _store.DeleteVectorsBeforeAsync(engine.Version, cancellationToken);
        }

        Log.EmbeddingEnded(_logger, Kind, engine.Count - before, engine.Count, total, (long)_time.GetElapsedTime(started).TotalSeconds, complete);
        return complete ? EmbeddingOutcome.Complete : EmbeddingOutcome.Incomplete;

        void Report()
        {
            var progress = Progress;
            tracker.Report(engine.Count, Math.Min(1, (double)engine.Count / Math.Max(1, total)));
            if (progress.Percent != lastPercent)
            {
                lastPercent = progress.Percent;
                Log.EmbeddingProgressed(_logger, Kind, progress.Percent, engine.Count, total);
            }
        }
    }

    /// <summary>Embeds a sample, fits the PCA reduction and the shared-terms vocabulary on it, saves the model and the sample's vectors.</summary>
    private async Task<NeuralEngine> FitAsync(long total, IProgressTracker tracker, CancellationToken cancellationToken)
    {
        var watch = _time.GetTimestamp();
        var step = Math.Max(1, (int)Math.Ceiling(total / (double)_options.NeuralSampleSize));
        var sample = new List<Paper>();
        var i = 0;
        await foreach (var paper in _papers.StreamAllAsync(cancellationToken))
        {
            if (i++ % step == 0 && sample.Count < _options.NeuralSampleSize)
            {
                sample.Add(paper);
            }
        }

        var embeddings = new List<float[]>(sample.Count);
        for (var from = 0; from < sample.Count; from += _options.EmbedBatchSize)
        {
            var texts = sample.Skip(from).Take(_options.EmbedBatchSize).Select(_embedder.TextOf).ToList();
            embeddings.AddRange(await _embedder.EmbedAsync(texts, cancellationToken));
            tracker.Report(embeddings.Count, Math.Min(1, (double)embeddings.Count / total));
        }

        var shipped = ShippedProjection();
        var pca = shipped ?? await Task.Run(() => PcaReduction.Fit(embeddings, _options.NeuralDimensions), cancellationToken);
        var terms = LsaFitter.FitTerms([.. sample.Select(LsaEngine.TextOf)], new LsaFitOptions(MaxFeatures: _options.MaxFeatures));
        var model = new NeuralModel(_embedder.ModelId, pca, terms);
        model.Version = await _store.SaveModelAsync(Kind, model.Dimensions, total, model.Serialize(), cancellationToken);
        var engine = NewEngine(model, total);
        await StoreAsync(engine, sample, [.. embeddings], cancellationToken);
        Volatile.Write(ref _engine, engine);
        await _store.DeleteVectorsBeforeAsync(model.Version, cancellationToken);
        Log.NeuralModelFitted(_logger, Kind, model.Version, shipped is null ? "PCA" : "category projection", pca.InputDimensions, pca.Dimensions, sample.Count, (long)_time.GetElapsedTime(watch).TotalMilliseconds);
        return engine;
    }

    /// <summary>The model's shipped category projection, where configured and there is one that fits; else null (PCA is fitted).</summary>
    private PcaReduction? ShippedProjection()
    {
        if (_options.NeuralProjection != NeuralProjection.Categories)
        {
            return null;
        }

        var dimensions = Math.Min(_options.NeuralDimensions, _embedder.Dimensions);
        try
        {
            using var stream = _embedder.OpenProjection(dimensions);
            if (stream is null)
            {
                return null;
            }

            using var reader = new BinaryReader(stream);
            var projection = PcaReduction.Read(reader);
            if (projection.InputDimensions == _embedder.Dimensions && projection.Dimensions == dimensions)
            {
                return projection;
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or ArgumentException)
        {
            Log.NeuralProjectionUnusable(_logger, Kind, _embedder.Dimensions, ex);
            return null;
        }

        Log.NeuralProjectionUnusable(_logger, Kind, _embedder.Dimensions, null);
        return null;
    }

    private async Task<int> EmbedAndStoreAsync(NeuralEngine engine, List<Paper> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var embeddings = await _embedder.EmbedAsync([.. batch.Select(_embedder.TextOf)], cancellationToken);
        return await StoreAsync(engine, batch, embeddings, cancellationToken);
    }

    /// <summary>Reduces, saves and appends the vectors of papers the engine does not hold yet; returns how many.</summary>
    private async Task<int> StoreAsync(NeuralEngine engine, IReadOnlyList<Paper> papers, float[][] embeddings, CancellationToken cancellationToken)
    {
        if (embeddings.Length != papers.Count)
        {
            throw new InvalidOperationException($"The embedder returned {embeddings.Length} vectors for {papers.Count} texts.");
        }

        var zero = VectorCodec.Encode(new float[engine.Model.Dimensions]);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // The augmentation pass may have switched engines since the caller read one: store into the one answering.
            if (Engine is { } current && current != engine && BaseVersionOf(current) == BaseVersionOf(engine))
            {
                engine = current;
            }

            var fresh = papers.Select((p, j) => (Paper: p, Embedding: embeddings[j]))
                .Where(x => !engine.Contains(x.Paper.Seq))
                .Select(x => new StoredVector(x.Paper.Seq, BaseVersionOf(engine), LsaEngine.YearOf(x.Paper), LsaEngine.CategoriesOf(x.Paper), engine.Encode(x.Embedding) ?? zero))
                .ToList();
            if (engine.Model.Augmented is not { } augmentation)
            {
                await _store.SaveVectorsAsync(fresh, cancellationToken);
                foreach (var v in fresh)
                {
                    engine.Append(v);
                }

                return fresh.Count;
            }

            // After the augmentation pass: the raw vector is stored (the next full pass reads it) with the vector moved
            // toward its k nearest in the stored augmented matrix, which is what the engine holds and answers with.
            var candidates = _options.UsesPrefilter(engine.Count) ? _options.PrefilterCandidates : 0;
            var augmented = new StoredVector[fresh.Count];
            Parallel.For(0, fresh.Count, new ParallelOptions { CancellationToken = cancellationToken }, i =>
                augmented[i] = fresh[i] with
                {
                    ModelVersion = engine.Version,
                    Vector = DatabaseAugmentation.Augment(engine, DatabaseAugmentation.Unit(fresh[i].Vector.Span), fresh[i].Seq, augmentation.Neighbours, candidates, _options.Prefilter, augmentation.Exponent),
                });
            await _store.SaveVectorsAsync([.. fresh, .. augmented], cancellationToken);
            foreach (var v in augmented)
            {
                engine.Append(v);
            }

            if (_passSource is { } source)
            {
                foreach (var v in fresh)
                {
                    source.Append(v);
                }
            }

            return fresh.Count;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Embeds new papers as they arrive (once a model exists; before that the job's first run includes them), so the
    /// ingest waits for the batch's embedding time and no more. A failure is logged; the paper is embedded by the next run.
    /// </summary>
    public async ValueTask OnPapersAddedAsync(IReadOnlyList<Paper> added, CancellationToken cancellationToken)
    {
        var engine = Engine;
        Interlocked.Add(ref _total, added.Count);
        if (engine is null || added.Count == 0)
        {
            return;
        }

        var missing = added.Where(p => !engine.Contains(p.Seq)).ToList();
        try
        {
            await EmbedAndStoreAsync(engine, missing, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.EmbedOnArrivalFailed(_logger, missing.Count, ex);
        }
    }

    public async Task<SimilarityResult> FindSimilarAsync(Paper paper, SimilarityQuery query, CancellationToken cancellationToken) =>
        await LoadedAsync(cancellationToken) ? await FindAsync(Engine!, paper.Seq, LsaEngine.TextOf(paper), _embedder.TextOf(paper), asQuery: false, query, cancellationToken)
            : await WithNoteAsync(_fallback.FindSimilarAsync(paper, query, cancellationToken));

    public async Task<SimilarityResult> FindByDescriptionAsync(string description, SimilarityQuery query, CancellationToken cancellationToken) =>
        await LoadedAsync(cancellationToken) ? await FindAsync(Engine!, -1, description, description, asQuery: true, query, cancellationToken)
            : await WithNoteAsync(_fallback.FindByDescriptionAsync(description, query, cancellationToken));

    /// <summary>
    /// Whether the neural engine answers: where nothing has loaded the stored index yet (a one-shot <c>ask</c> has no
    /// warm-up), the first query starts the load and waits for it up to <c>ReadyTimeout</c>; until it is done, or if it
    /// fails (logged by the load), LSA answers.
    /// </summary>
    private async Task<bool> LoadedAsync(CancellationToken cancellationToken)
    {
        if (!IsComplete)
        {
            try
            {
                await EnsureLoadedAsync(CancellationToken.None).WaitAsync(_options.ReadyTimeout, _time, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // Timed out or failed: LSA answers this query; the load goes on (or starts again) for the next.
            }
        }

        return IsComplete;
    }

    private async Task<SimilarityResult> WithNoteAsync(Task<SimilarityResult> lsa)
    {
        var result = await lsa;
        return result with { Note = Progress.FooterNote };
    }

    /// <param name="asQuery">The text is a description (a title, free text), not a paper: embedded as a search query
    /// (<see cref="ITextEmbedder.EmbedQueriesAsync"/>, as the eval's title→abstract figures are measured).</param>
    private async Task<SimilarityResult> FindAsync(NeuralEngine engine, long seq, string termText, string embedText, bool asQuery, SimilarityQuery query, CancellationToken cancellationToken)
    {
        var vector = seq >= 0 ? engine.VectorOf(seq) : null;
        var hybrid = vector is null; // free text, or a paper not embedded yet: fuse with BM25
        if (vector is null)
        {
            try
            {
                var embedding = asQuery
                    ? await _embedder.EmbedQueriesAsync([embedText], cancellationToken)
                    : await _embedder.EmbedAsync([embedText], cancellationToken);
                vector = engine.Reduce(embedding[0]);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.QueryEmbeddingFailed(_logger, ex);
                return SimilarityResult.NotReady(engine.Description);
            }
        }

        if (vector is null)
        {
            return new SimilarityResult([], SimilarityStatus.Ok, engine.Description);
        }

        var limit = Math.Clamp(query.Limit, 1, 50);
        var filter = new RowFilter(query.SinceYear ?? 0, query.Category is { } c ? engine.Matrix.Categories.Containing(c) : null, seq);
        var fuse = hybrid && _keywords is not null && filter.IsTrivial;
        var candidates = _options.UsesPrefilter(engine.Count) ? _options.PrefilterCandidates : 0;
        // Feedback stays off on augmented vectors: on top of DBA it moved category-P@10 by −0.001 to +0.003 (noise).
        var feedback = fuse || engine.IsAugmented ? QueryFeedback.Off : _options.NeuralFeedback;
        var ranked = VectorSearcher.Search(engine.Matrix, vector, filter, fuse ? Math.Max(limit, NeuralFusion.Depth) : limit, candidates, _options.Prefilter, feedback)
            .Select(r => (r.Seq, Score: (double)r.Score)).ToList();
        var weights = engine.Model.Terms.Weights(termText);
        if (fuse && NeuralFusion.Words(termText) is { Count: > 0 } words)
        {
            ranked = await FuseAsync(engine, vector, words, ranked, seq, cancellationToken);
        }

        ranked = [.. ranked.Take(limit)];
        var found = await _papers.GetBySeqAsync([.. ranked.Select(r => r.Seq)], cancellationToken);
        var bySeq = found.ToDictionary(p => p.Seq);
        var probe = new SharedTermProbe(engine.Model.Terms, weights);
        var neighbours = ranked.Where(r => bySeq.ContainsKey(r.Seq))
            .Select(r => new SimilarPaper(bySeq[r.Seq], r.Score, probe.SharedTerms(LsaEngine.TextOf(bySeq[r.Seq]))))
            .ToImmutableArray();
        return new SimilarityResult(neighbours, SimilarityStatus.Ok, engine.Description);
    }

    /// <summary>
    /// <see cref="NeuralFusion"/> of the neural ranking with an FTS5 BM25 query of the text's words; the scores shown
    /// stay cosine (a keyword-only hit gets its own).
    /// </summary>
    private async Task<List<(long Seq, double Score)>> FuseAsync(NeuralEngine engine, float[] vector, List<string> words, List<(long Seq, double Score)> neural, long excludeSeq, CancellationToken cancellationToken)
    {
        try
        {
            var keyword = await _keywords!.SearchAnyAsync(words, NeuralFusion.Depth + 1, abstractOnly: false, cancellationToken);
            var cosines = neural.ToDictionary(n => n.Seq, n => n.Score);
            double CosineOf(long seq) => cosines.TryGetValue(seq, out var s) ? s : cosines[seq] = Cosine(engine, vector, seq);
            var fused = NeuralFusion.Fuse(neural, keyword.Where(k => k.Seq != excludeSeq), seq => CosineOf(seq));
            return [.. fused.Select(f => (f.Seq, CosineOf(f.Seq)))];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.NeuralFusionFailed(_logger, ex);
            return neural;
        }
    }

    private static double Cosine(NeuralEngine engine, float[] query, long seq) =>
        engine.VectorOf(seq) is { } v ? TensorPrimitives.Dot(query, v) : 0;

    /// <summary>The neural space's id once the engine answers; null before (see <see cref="EngineSwitchingPaperVectors"/>).</summary>
    public string? SpaceId => IsComplete ? Engine!.SpaceId : null;

    public int Dimensions => IsComplete ? Engine!.Model.Dimensions : 0;

    /// <summary>Stored vectors of embedded papers; the others are embedded now (one batch). Null entries before the switch.</summary>
    public async ValueTask<IReadOnlyList<float[]?>> VectorsOfAsync(IReadOnlyList<Paper> papers, CancellationToken cancellationToken)
    {
        var result = new float[]?[papers.Count];
        if (!IsComplete)
        {
            return result;
        }

        var engine = Engine!;
        var missing = new List<int>();
        for (var i = 0; i < papers.Count; i++)
        {
            result[i] = papers[i].Seq > 0 ? engine.VectorOf(papers[i].Seq) : null;
            if (result[i] is null && !string.IsNullOrWhiteSpace(papers[i].Title))
            {
                missing.Add(i);
            }
        }

        if (missing.Count > 0)
        {
            var embeddings = await _embedder.EmbedAsync([.. missing.Select(i => _embedder.TextOf(papers[i]))], cancellationToken);
            for (var j = 0; j < missing.Count; j++)
            {
                result[missing[j]] = engine.Reduce(embeddings[j]);
            }
        }

        return result;
    }

    /// <summary>Stops a load in flight; idempotent (the container may dispose one instance under several service types).</summary>
    public void Dispose()
    {
        _loading.Dispose();
        _gate.Dispose(); // SemaphoreSlim allows a second Dispose
    }
}
