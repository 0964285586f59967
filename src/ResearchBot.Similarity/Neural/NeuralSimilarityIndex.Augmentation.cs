using ResearchBot.Core.Similarity;
using ResearchBot.Similarity.Search;

namespace ResearchBot.Similarity.Neural;

/// <summary>The database-side augmentation pass and the loading of augmented versions (see <see cref="DatabaseAugmentation"/>).</summary>
public sealed partial class NeuralSimilarityIndex
{
    /// <summary>
    /// Another process completed an augmentation pass: load its vectors (while this process's neural engine answers, only
    /// when they cover every paper and were computed from the raw version this process serves).
    /// </summary>
    private async Task OnAugmentedStoredAsync(int version, CancellationToken cancellationToken)
    {
        if (_options.NeuralAugmentNeighbours == 0)
        {
            return;
        }

        if (!IsComplete)
        {
            // The reload prefers a complete augmented version (see LoadAsync).
            await RestartLoadAsync(AugmentedKind, cancellationToken);
            return;
        }

        var current = Engine!;
        if (current.IsAugmented && current.Version >= version)
        {
            return;
        }

        var total = await _papers.CountAsync(cancellationToken);
        if (await LoadAugmentedAsync(BaseVersionOf(current), total, cancellationToken) is not { } fresh || fresh.Version <= (current.IsAugmented ? current.Version : 0))
        {
            Log.NeuralReloadDeferred(_logger, AugmentedKind, version, 0, total, current.Version);
            return;
        }

        if (_options.UsesPrefilter(fresh.Count) && _options.Prefilter == PrefilterKind.Codes)
        {
            fresh.Matrix.EnsureCodes();
        }

        Volatile.Write(ref _engine, fresh);
        Log.ModelReloaded(_logger, AugmentedKind, fresh.Version, fresh.Count);
    }

    /// <summary>
    /// Restarts the shared load while the index is not complete. The reload becomes the shared load that EnsureReadyAsync
    /// and the embedding job wait for, so it is not tied to this notification's token: a handler that gives up (or the
    /// listener's shutdown) only stops this wait.
    /// </summary>
    private async Task RestartLoadAsync(string kind, CancellationToken cancellationToken)
    {
        if (await _loading.RestartAsync(cancellationToken) && Engine is { } loaded)
        {
            Log.ModelReloaded(_logger, kind, loaded.Version, loaded.Count);
        }
    }

    /// <summary>The raw model version an engine's vectors come from (its own for a raw engine).</summary>
    private static int BaseVersionOf(NeuralEngine engine) => engine.Model.Augmented?.BaseVersion ?? engine.Version;

    /// <summary>
    /// The newest augmented version computed from raw version <paramref name="baseVersion"/> with the configured k, if it
    /// covers every paper; else the complete version it is replacing (a repeated pass still running), else null.
    /// </summary>
    private async Task<NeuralEngine?> LoadAugmentedAsync(int baseVersion, long total, CancellationToken cancellationToken)
    {
        var stored = await _store.GetLatestModelAsync(AugmentedKind, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var model = NeuralModel.Deserialize(stored.Data).AtVersion(stored.Version);
        if (model.Augmented is not { } a || !a.Matches(baseVersion, _options.NeuralAugmentNeighbours) || model.Pca.InputDimensions != _embedder.Dimensions)
        {
            return null;
        }

        var engine = await StreamAsync(model, total, cancellationToken);
        if (engine.Count >= total)
        {
            return engine;
        }

        if (a.Previous > 0)
        {
            var previous = await StreamAsync(model.AtVersion(a.Previous), total, cancellationToken);
            if (previous.Count >= total)
            {
                return previous;
            }
        }

        return null;
    }


    /// <summary>
    /// The augmentation pass (<see cref="DatabaseAugmentation"/>): every paper's k nearest over the complete raw matrix
    /// (the query scan: int8, with the pre-pass from <see cref="SimilarityOptions.PrefilterFromPapers"/> on), in
    /// batches computed in parallel and saved as they go under the augmented kind, so a restart continues with the
    /// papers not stored yet. The raw engine answers meanwhile; the augmented one replaces it in one write when every
    /// paper is in, and storing it complete announces it to other processes. A repeated pass (the index grew by
    /// <see cref="DatabaseAugmentation.RepassGrowth"/>) reads the raw vectors from the store while the previous augmented
    /// version answers.
    /// </summary>
    private async Task AugmentAsync(CancellationToken cancellationToken)
    {
        var k = _options.NeuralAugmentNeighbours;
        var answering = Engine!;
        var started = _time.GetTimestamp();
        NeuralEngine raw;
        if (answering.Model.Augmented is { } last)
        {
            Log.AugmentationRepass(_logger, last.Papers, answering.Count);
            var stored = await _store.GetLatestModelAsync(Kind, cancellationToken);
            if (stored is null || stored.Version != last.BaseVersion)
            {
                return; // a refit elsewhere: its raw version gets its own pass
            }

            raw = NewEngine(NeuralModel.Deserialize(stored.Data).AtVersion(stored.Version), answering.Count);
            await SetPassSourceAsync(raw);
            await foreach (var v in _store.StreamVectorsAsync(stored.Version, cancellationToken))
            {
                raw.Append(v);
            }
        }
        else
        {
            raw = answering;
        }

        try
        {
            var (target, done) = await AugmentationTargetAsync(raw, answering, k, cancellationToken);
            var candidates = _options.UsesPrefilter(raw.Count) ? _options.PrefilterCandidates : 0;
            if (candidates > 0 && _options.Prefilter == PrefilterKind.Codes)
            {
                raw.Matrix.EnsureCodes();
            }

            Log.AugmentationStarted(_logger, AugmentedKind, target.Version, k, raw.Count, done.Count);
            using var tracker = _progress.Start("neural index: augmenting (DBA)", "papers");
            var computed = 0;
            var lastPercent = -1;
            // Papers that arrive during a round are appended to the raw matrix: another round covers them.
            for (var todo = Missing(raw, done); todo.Length > 0; todo = Missing(raw, done))
            {
                foreach (var chunk in todo.Chunk(_options.EmbedBatchSize))
                {
                    var vectors = AugmentRows(raw, chunk, target.Version, k, candidates, cancellationToken);
                    await _store.SaveVectorsAsync(vectors, cancellationToken);
                    done.UnionWith(chunk);
                    computed += chunk.Length;
                    var count = raw.Count;
                    tracker.Report(computed, Math.Min(1, (double)done.Count / count));
                    var percent = (int)(100L * Math.Min(done.Count, count) / count);
                    if (percent != lastPercent)
                    {
                        lastPercent = percent;
                        Log.AugmentationProgressed(_logger, AugmentedKind, target.Version, percent, done.Count, count);
                    }
                }
            }

            // The augmented engine from the store (this run's rows and a crashed run's), then, under the gate that every
            // store of a new paper takes, the papers that arrived since and the switch: no paper is left out of it.
            var total = await _papers.CountAsync(cancellationToken);
            var augmented = await StreamAsync(target, Math.Max(total, raw.Count), cancellationToken);
            await _gate.WaitAsync(cancellationToken);
            try
            {
                var late = raw.Seqs().Where(s => !augmented.Contains(s)).ToArray();
                if (late.Length > 0)
                {
                    var vectors = AugmentRows(raw, late, target.Version, k, candidates, cancellationToken);
                    await _store.SaveVectorsAsync(vectors, cancellationToken);
                    foreach (var v in vectors)
                    {
                        augmented.Append(v);
                    }

                    computed += late.Length;
                }

                if (Engine != answering)
                {
                    Log.AugmentationAbandoned(_logger);
                    return;
                }

                if (_options.UsesPrefilter(augmented.Count) && _options.Prefilter == PrefilterKind.Codes)
                {
                    augmented.Matrix.EnsureCodes(); // before answering, not in the first query
                }

                Volatile.Write(ref _engine, augmented);
                _passSource = null;
            }
            finally
            {
                _gate.Release();
            }

            // Removes older augmented versions (never the raw vectors, another kind) and marks this one complete, which a
            // shared backend announces to the other processes.
            await _store.DeleteVectorsBeforeAsync(target.Version, cancellationToken);
            Log.SwitchedToAugmented(_logger, augmented.Description, augmented.Count, computed, (long)_time.GetElapsedTime(started).TotalSeconds);
        }
        finally
        {
            if (raw != answering)
            {
                await SetPassSourceAsync(null);
            }
        }
    }

    private async Task SetPassSourceAsync(NeuralEngine? source)
    {
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            _passSource = source;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The augmented version to fill: the newest stored one when it was computed from this raw version with this k and α and
    /// is not the one answering (a pass a crash or restart interrupted: its stored papers are kept), else a new one.
    /// </summary>
    private async Task<(NeuralModel Target, HashSet<long> Done)> AugmentationTargetAsync(NeuralEngine raw, NeuralEngine answering, int k, CancellationToken cancellationToken)
    {
        var done = new HashSet<long>();
        var latest = await _store.GetLatestModelAsync(AugmentedKind, cancellationToken);
        if (latest is not null && NeuralModel.Deserialize(latest.Data).AtVersion(latest.Version) is { Augmented: { } a } resumed
            && a.Matches(raw.Version, k)
            && (answering.IsAugmented ? latest.Version > answering.Version : true))
        {
            await foreach (var v in _store.StreamVectorsAsync(latest.Version, cancellationToken))
            {
                done.Add(v.Seq);
            }

            return (resumed, done);
        }

        var model = raw.Model.WithAugmentation(new Augmentation(raw.Version, k, raw.Count, answering.IsAugmented ? answering.Version : 0));
        model.Version = await _store.SaveModelAsync(AugmentedKind, model.Dimensions, raw.Count, model.Serialize(), cancellationToken);
        return (model, done);
    }

    private static long[] Missing(NeuralEngine raw, HashSet<long> done) => [.. raw.Seqs().Where(s => !done.Contains(s))];

    /// <summary>The augmented vectors of the given rows of <paramref name="raw"/>, in parallel over the cores.</summary>
    private StoredVector[] AugmentRows(NeuralEngine raw, long[] seqs, int version, int k, int candidates, CancellationToken cancellationToken)
    {
        var vectors = new StoredVector[seqs.Length];
        Parallel.For(0, seqs.Length, new ParallelOptions { CancellationToken = cancellationToken }, i =>
        {
            var seq = seqs[i];
            var (year, categories) = raw.FiltersOf(seq)!.Value;
            vectors[i] = new StoredVector(seq, version, year, categories, DatabaseAugmentation.Augment(raw, raw.VectorOf(seq)!, seq, k, candidates, _options.Prefilter));
        });
        return vectors;
    }
}
