using System.Diagnostics;
using Microsoft.Extensions.Logging;
using ResearchBot.Core.Coordination;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Progress;
using ResearchBot.Core.Similarity;
using ResearchBot.Similarity.Model;
using ResearchBot.Similarity.Search;

namespace ResearchBot.Similarity;

/// <summary>
/// Loads the stored engine, or fits a new model version and projects every paper with it (minutes for millions of papers:
/// the fit and the projection report their progress).
/// </summary>
internal sealed class LsaIndexBuilder(IPaperIndex papers, ISimilarityStore store, SimilarityOptions options, ILogger logger, IProgressReporter progress, SingletonJob? singleton = null)
{
    private const int Batch = 4096;

    /// <summary>
    /// The newest stored engine if it is fresh enough, else a newly fitted one; null when the index is empty. With
    /// several processes on one database only the holder of the <see cref="SingletonJobNames.SimilarityFit"/> lease
    /// fits: the others wait for the lease, then find the model it stored and load it.
    /// </summary>
    public async Task<LsaEngine?> LoadOrBuildAsync(CancellationToken cancellationToken)
    {
        if (await TryLoadAsync(cancellationToken) is { } loaded)
        {
            return loaded.Engine;
        }

        if (singleton is null)
        {
            return await FitIfNeededAsync(cancellationToken);
        }

        await using var lease = await singleton.AcquireAsync(SingletonJobNames.SimilarityFit, cancellationToken);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
        return await FitIfNeededAsync(linked.Token);
    }

    /// <summary>Loads the stored engine when it is fresh enough; null (nothing loaded) when a fit is needed.</summary>
    private async Task<(LsaEngine? Engine, bool)?> TryLoadAsync(CancellationToken cancellationToken)
    {
        var total = await papers.CountAsync(cancellationToken);
        var stored = await store.GetLatestModelAsync(LsaEngine.Kind, cancellationToken);
        if (total == 0)
        {
            return (null, true);
        }

        if (stored is null || DimensionsChanged(stored) || NeedsRefit(stored.FittedOn, total))
        {
            return null;
        }

        var engine = await LoadAsync(stored, cancellationToken);
        await CatchUpAsync(engine, total, cancellationToken);
        return (engine, true);
    }

    /// <summary>The newest stored LSA model when it is newer than <paramref name="version"/>, loaded with its vectors; else null.</summary>
    public async Task<LsaEngine?> LoadNewerAsync(int version, CancellationToken cancellationToken)
    {
        var stored = await store.GetLatestModelAsync(LsaEngine.Kind, cancellationToken);
        return stored is null || stored.Version <= version ? null : await LoadAsync(stored, cancellationToken);
    }

    /// <summary>Looks again (another process may have fitted while we waited for the lease), and fits when still needed.</summary>
    private async Task<LsaEngine?> FitIfNeededAsync(CancellationToken cancellationToken) =>
        await TryLoadAsync(cancellationToken) is { } loaded ? loaded.Engine : await FitAsync(await papers.CountAsync(cancellationToken), cancellationToken);

    /// <summary>
    /// Small corpora get fewer dimensions (one per 8 papers, at least 32): on the 468-paper s2orc sample 32–64 dimensions
    /// beat 128 on category precision (0.40 vs 0.39) at the same known-item MRR. Large corpora use the configured value.
    /// </summary>
    public int EffectiveDimensions(long papers) =>
        (int)Math.Min(options.Dimensions, Math.Max(32, Math.Min(papers, options.SampleSize) / 8));

    /// <summary>The configured dimensions changed (tiny corpora may legitimately hold fewer than asked for).</summary>
    private bool DimensionsChanged(StoredSimilarityModel stored) =>
        stored.Dimensions > EffectiveDimensions(stored.FittedOn)
        || (stored.FittedOn >= 8L * options.Dimensions && stored.Dimensions != options.Dimensions);

    public bool NeedsRefit(long fittedOn, long total) =>
        total >= 50 && total >= fittedOn * options.RefitGrowthFactor;

    public async Task<LsaEngine> LoadAsync(StoredSimilarityModel stored, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var model = LsaModel.Deserialize(stored.Data);
        model.Version = stored.Version;
        var total = await papers.CountAsync(cancellationToken);
        var engine = new LsaEngine(model, new VectorMatrix(model.Dimensions, model.Mean, (int)Math.Min(int.MaxValue / 256, total + 1024)), stored.FittedOn);
        await foreach (var v in store.StreamVectorsAsync(stored.Version, cancellationToken))
        {
            engine.Matrix.Append(v.Seq, v.Year, v.Categories, v.Vector.Span);
        }

        Log.IndexLoaded(logger, model.Version, engine.Matrix.Count, watch.ElapsedMilliseconds);
        return engine;
    }

    /// <summary>Fits on a sample (every paper when the index is small), saves the model, projects and saves every paper.</summary>
    public async Task<LsaEngine> FitAsync(long total, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        var step = Math.Max(1, (int)Math.Ceiling(total / (double)options.SampleSize));
        var sample = new List<string>();
        var i = 0;
        LsaModel model;
        using (var fitting = progress.Start("similarity index: fitting", "papers read"))
        {
            await foreach (var paper in papers.StreamAllAsync(cancellationToken))
            {
                if (i++ % step == 0)
                {
                    sample.Add(LsaEngine.TextOf(paper));
                }

                if (i % Batch == 0)
                {
                    fitting.Report(i);
                }
            }

            fitting.Report(i);
            var fitOptions = new LsaFitOptions(EffectiveDimensions(total), options.MaxFeatures);
            model = await Task.Run(() => LsaFitter.Fit(sample, fitOptions), cancellationToken);
        }

        model.Version = await store.SaveModelAsync(LsaEngine.Kind, model.Dimensions, total, model.Serialize(), cancellationToken);
        var engine = new LsaEngine(model, new VectorMatrix(model.Dimensions, model.Mean, (int)Math.Min(int.MaxValue / 256, total + 1024)), total);
        int projected;
        using (var projecting = progress.Start("similarity index: projecting", "papers"))
        {
            projected = await ProjectAsync(engine, papers.StreamAllAsync(cancellationToken), _ => true, n => projecting.Report(n, Math.Min(1, (double)n / total)), cancellationToken);
        }

        await store.DeleteVectorsBeforeAsync(model.Version, cancellationToken);
        Log.ModelFitted(logger, model.Version, model.Dimensions, model.Vocabulary.Length, sample.Count, projected, watch.ElapsedMilliseconds);
        return engine;
    }

    /// <summary>Projects papers the engine does not hold yet (e.g. added while a listener was down).</summary>
    public async Task CatchUpAsync(LsaEngine engine, long total, CancellationToken cancellationToken)
    {
        if (engine.Matrix.Count >= total)
        {
            return;
        }

        var s = engine.Matrix.Snapshot();
        var known = new HashSet<long>(s.Seqs.Take(s.Count));
        int added;
        var missing = Math.Max(1, total - s.Count);
        using (var catchingUp = progress.Start("similarity index: catching up", "papers"))
        {
            added = await ProjectAsync(engine, papers.StreamAllAsync(cancellationToken), p => !known.Contains(p.Seq), n => catchingUp.Report(n, Math.Min(1, (double)n / missing)), cancellationToken);
        }

        Log.CaughtUp(logger, added);
    }

    /// <summary>Projects, saves and appends papers in parallel batches, telling <paramref name="projected"/> the count after each; returns how many.</summary>
    public async Task<int> ProjectAsync(LsaEngine engine, IAsyncEnumerable<Paper> source, Func<Paper, bool> include, Action<int>? projected, CancellationToken cancellationToken)
    {
        var batch = new List<Paper>(Batch);
        var count = 0;
        await foreach (var paper in source)
        {
            if (!include(paper))
            {
                continue;
            }

            batch.Add(paper);
            if (batch.Count == Batch)
            {
                count += await FlushAsync(engine, batch, cancellationToken);
                projected?.Invoke(count);
            }
        }

        count += await FlushAsync(engine, batch, cancellationToken);
        projected?.Invoke(count);
        return count;
    }

    public async Task<int> FlushAsync(LsaEngine engine, List<Paper> batch, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return 0;
        }

        var blobs = new byte[]?[batch.Count];
        Parallel.For(0, batch.Count, new ParallelOptions { CancellationToken = cancellationToken }, j => blobs[j] = engine.Encode(LsaEngine.TextOf(batch[j])));
        var zero = VectorCodec.Encode(new float[engine.Model.Dimensions]);
        var stored = batch.Select((p, j) => new StoredVector(p.Seq, engine.Model.Version, LsaEngine.YearOf(p), LsaEngine.CategoriesOf(p), blobs[j] ?? zero)).ToList();
        await store.SaveVectorsAsync(stored, cancellationToken);
        foreach (var v in stored)
        {
            engine.Matrix.Append(v.Seq, v.Year, v.Categories, v.Vector.Span);
        }

        var n = batch.Count;
        batch.Clear();
        return n;
    }
}
