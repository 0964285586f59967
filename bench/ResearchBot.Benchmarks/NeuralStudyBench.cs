using System.Globalization;
using System.Numerics.Tensors;
using Microsoft.Extensions.Logging.Abstractions;
using ResearchBot.Core.Papers;
using ResearchBot.Similarity;
using ResearchBot.Similarity.Embedding;
using ResearchBot.Similarity.Evaluation;
using ResearchBot.Similarity.Model;
using ResearchBot.Similarity.Neural;
using ResearchBot.Similarity.Onnx;
using ResearchBot.Similarity.Search;
using ResearchBot.Storage.Sqlite.Similarity;

namespace ResearchBot.Benchmarks;

/// <summary>
/// Tuning aid for the neural engine's paper → papers ranking (<c>neural-study FILE --cache DIR</c>): on cached embeddings,
/// builds the index's int8 matrix for several vector spaces (PCA as the bot fits it, whitened, with the top components
/// removed, concatenated with LSA components) and several re-rankings of the scan's first 100, and prints category-P@10
/// for all / even / odd queries (choose on one half, check on the other) and title→abstract MRR@10 through the bot's
/// fusion with FTS5. Every neural figure here goes through <see cref="VectorMatrix"/> and <see cref="VectorSearcher"/>.
/// </summary>
internal static class NeuralStudyBench
{
    public static async Task<int> RunAsync(string file, string[] args, CancellationToken ct)
    {
        var options = new OnnxEmbedderOptions();
        var limit = int.MaxValue;
        var cache = Path.Combine(Path.GetTempPath(), "researchbot-embeddings");
        var sampleSize = 5000;
        var only = "";
        var mrrOn = true;
        int[] dbaKs = [];
        int[] dbaInc = [];
        double[] dbaAlpha = [1];
        var dbaRounds = 1;
        var trainHalf = -1;
        double[] denseWeights = [];
        var depth = NeuralFusion.Depth;
        var normalisation = NeuralFusion.Normalisation;
        (int K, double W)[] blends = [(64, 0.5), (64, 0.7), (96, 0.7), (96, 0.85), (112, 0.85)];
        double[] queryRidges = [];
        var blendDims = 128;
        var adaptive = false;
        var shipped = false;
        var ldaDims = 128;
        double[] queryBetas = [1];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            switch (args[i])
            {
                case "--tokens": options.MaxTokens = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--limit": limit = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--cache": cache = v; break;
                case "--sample": sampleSize = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--only": only = v; break;
                case "--mrr": mrrOn = bool.Parse(v); break;
                case "--dba-inc": dbaInc = [.. v.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))]; break;
                case "--dba-alpha": dbaAlpha = [.. v.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture))]; break;
                case "--dba-rounds": dbaRounds = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--blends": blends = [.. v.Split(',').Select(x => x.Split(':')).Select(p => (int.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))]; break;
                case "--normalisation": normalisation = Enum.Parse<ScoreNormalisation>(v, ignoreCase: true); break;
                case "--shipped": shipped = bool.Parse(v); break;
                case "--adaptive": adaptive = bool.Parse(v); break;
                case "--blend-dims": blendDims = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--lda-dims": ldaDims = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--query-ridge": queryRidges = [.. v.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture))]; break;
                case "--query-beta": queryBetas = [.. v.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture))]; break;
                case "--depth": depth = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--dense-weights": denseWeights = [.. v.Split(',').Select(x => double.Parse(x, CultureInfo.InvariantCulture))]; break;
                case "--supervised": trainHalf = v == "even" ? 0 : v == "odd" ? 1 : throw new ArgumentException("--supervised even|odd"); break;
                case "--dba": dbaKs = [.. v.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))]; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var (all, _) = EvalDocument.Load(file);
        // --supervised even|odd: the labels of that half of the papers may be learned from; every figure is then on the
        // other half alone (queries and the index they search), which the learned map has never seen.
        var trainDocs = trainHalf >= 0 ? all.Where((_, i) => i % 2 == trainHalf).Take(limit).ToList() : null;
        var docs = (trainHalf >= 0 ? all.Where((_, i) => i % 2 != trainHalf) : all).Take(limit).ToList();
        using var onnx = new OnnxTextEmbedder(options);
        var embedder = new CachingTextEmbedder(onnx, cache);
        var emb = await embedder.EmbedAsync([.. docs.Select(d => TextOf(embedder, d))], ct);
        var trainEmb = trainDocs is null ? null : await embedder.EmbedAsync([.. trainDocs.Select(d => TextOf(embedder, d))], ct);
        var abs = mrrOn ? await embedder.EmbedAsync([.. docs.Select(d => d.Abstract)], ct) : null;
        var titles = mrrOn ? await embedder.EmbedQueriesAsync([.. docs.Select(d => d.Title)], ct) : null;
        Console.WriteLine($"# {docs.Count} papers, {embedder.ModelId}; {EmbedBench.Uptime()}");

        // The sample the bot fits on: spread evenly over the index.
        var step = Math.Max(1, (int)Math.Ceiling(docs.Count / (double)sampleSize));
        var sample = Enumerable.Range(0, docs.Count).Where(i => i % step == 0).Take(sampleSize).ToList();
        var sampleTexts = sample.Select(i => LsaEngine.TextOf(docs[i].Title, docs[i].Abstract)).ToList();

        // FTS5 side of the title fusion, once.
        var runner = !mrrOn ? null : await EvalRunner.CreateAsync(new SqliteScratchIndexFactory(NullLoggerFactory.Instance, TimeProvider.System), docs, 32, ct);
        List<(long Seq, double Score)>[] keyword = [];
        if (runner is not null)
        await using (runner.Scratch)
        {
            keyword = new List<(long, double)>[docs.Count];
            var docOfSeq = runner.Seqs.Select((s, i) => (s, i)).Where(x => x.s > 0).ToDictionary(x => x.s, x => x.i);
            for (var i = 0; i < docs.Count; i++)
            {
                var hits = await runner.Scratch.Keywords.SearchAnyAsync(NeuralFusion.Words(docs[i].Title), depth, true, ct);
                keyword[i] = [.. hits.Where(h => docOfSeq.ContainsKey(h.Seq)).Select(h => ((long)(docOfSeq[h.Seq] + 1), h.Score))];
            }
        }

        Console.WriteLine("# FTS5 title queries done; " + EmbedBench.Uptime());
        var study = new Study(docs, emb, abs, titles) { adaptive = adaptive, depth = depth, normalisation = normalisation, denseWeights = denseWeights, dba = dbaKs, dbaIncremental = dbaInc, sampleSize = sampleSize, dbaAlpha = dbaAlpha, dbaRounds = dbaRounds };
        var pca384 = PcaReduction.Fit([.. sample.Select(i => emb[i])], 384);
        var eig = Eigenvalues(pca384, [.. sample.Select(i => emb[i])]);
        Console.WriteLine("# top eigenvalues: " + string.Join(' ', eig.Take(12).Select(e => e.ToString("0.0000", CultureInfo.InvariantCulture))));
        Console.WriteLine();
        Console.WriteLine($"{"space",-44} {"rerank",-26} {"P@10",6} {"even",6} {"odd",6}  {"MRR",6}");

        bool Want(string name) => only.Length == 0 || only.Split('|').Any(o => name.Contains(o, StringComparison.Ordinal));

        // 1. PCA as the bot fits it, and variants of the linear map.
        foreach (var (name, skip, dims, power) in new[]
        {
            ("pca128 (bot)", 0, 128, 0.0), ("pca96", 0, 96, 0.0), ("pca160", 0, 160, 0.0),
            ("abtt1 pca128", 1, 128, 0.0), ("abtt2 pca128", 2, 128, 0.0), ("abtt4 pca128", 4, 128, 0.0), ("abtt8 pca128", 8, 128, 0.0),
            ("whiten^0.25 pca128", 0, 128, 0.25), ("whiten^0.5 pca128", 0, 128, 0.5), ("whiten^0.5 abtt2 pca128", 2, 128, 0.5),
            ("whiten^0.75 pca128", 0, 128, 0.75),
        })
        {
            if (!Want(name))
            {
                continue;
            }

            var map = Linear(pca384, eig, skip, dims, power);
            study.Evaluate(name, e => map(e), e => map(e), keyword);
        }

        // 2. Concatenated with LSA components fitted on the same sample: the dot product is the weighted sum of both cosines.
        foreach (var (lsaDims, neuralDims) in new[] { (32, 96), (64, 96), (64, 128), (48, 80), (32, 128) })
        {
            if (!only.StartsWith("concat", StringComparison.Ordinal) && only.Length > 0 && !Want($"concat n{neuralDims}+lsa{lsaDims}"))
            {
                continue;
            }

            var lsa = LsaFitter.Fit(sampleTexts, new LsaFitOptions(Dimensions: lsaDims));
            var lsaVectors = docs.Select(d =>
            {
                var v = new float[lsa.Dimensions];
                lsa.Project(LsaEngine.TextOf(d.Title, d.Abstract), v); // zeros when no term is known
                return v;
            }).ToArray();
            var map = Linear(pca384, eig, 0, neuralDims, 0);
            foreach (var w in new[] { 0.25, 0.35, 0.45 })
            {
                var name = $"concat n{neuralDims}+lsa{lsa.Dimensions} w={w:0.00}";
                if (!Want(name))
                {
                    continue;
                }

                var a = (float)Math.Sqrt(1 - w);
                var b = (float)Math.Sqrt(w);
                study.Evaluate(name, (e, i) => Concat(map(e), a, lsaVectors[i], b), e => Concat(map(e), 1, new float[lsa.Dimensions], 0), keyword);
            }
        }

        // 3. A linear map learned from the corpus itself instead of PCA: two views of each paper (the two halves of its
        //    abstract, or its title and its text) pulled together, the other papers of a batch pushed apart (InfoNCE),
        //    starting from the bot's PCA. No labels: the bot could fit it on its own sample.
        foreach (var views in new[] { "halves", "title" })
        {
            foreach (var (epochs, lr) in new[] { (3, 5e-4), (10, 5e-4) })
            {
                var name = $"contrastive {views} e{epochs} lr{lr:0e0}";
                if (!Want(name))
                {
                    continue;
                }

                float[][] a, b;
                if (views == "halves")
                {
                    var halves = docs.Select(d => Halves(d.Abstract)).ToList();
                    a = await embedder.EmbedAsync([.. halves.Select(h => h.First)], ct);
                    b = await embedder.EmbedAsync([.. halves.Select(h => h.Second)], ct);
                }
                else
                {
                    a = await embedder.EmbedAsync([.. docs.Select(d => d.Title)], ct);
                    b = emb;
                }

                var trainRows = sample.Count >= 2000 ? sample : [.. Enumerable.Range(0, docs.Count)];
                var w = Contrastive.Train(pca384, 128, [.. trainRows.Select(i => a[i])], [.. trainRows.Select(i => b[i])], epochs, lr, 0.05, Console.WriteLine);
                study.Evaluate(name, e => w(e), e => w(e), keyword);
            }
        }

        // 4. Supervised (--supervised): within-category covariance normalisation (WCCN) learned from the even papers'
        //    primary categories, x → Σw^(-1/2) x with Σw regularised by λ × its mean eigenvalue, then the bot's PCA.
        if (trainDocs is not null && trainEmb is not null)
        {
            var d = trainEmb[0].Length;
            var means = trainDocs.Select((doc, i) => (doc.Categories[0], i)).GroupBy(x => x.Item1).ToDictionary(g => g.Key, g =>
            {
                var m = new float[d];
                foreach (var (_, i) in g)
                {
                    TensorPrimitives.Add(m, trainEmb[i], m);
                }

                TensorPrimitives.Divide(m, g.Count(), m);
                return m;
            });
            var residuals = trainDocs.Select((doc, i) =>
            {
                var r = new float[d];
                TensorPrimitives.Subtract(trainEmb[i], means[doc.Categories[0]], r);
                return r;
            }).ToList();
            var within = PcaReduction.Fit(residuals, d);
            var spread = Eigenvalues(within, residuals);
            Console.WriteLine($"# WCCN on {trainDocs.Count} papers, {means.Count} categories; within-category eigenvalues: " + string.Join(' ', spread.Take(8).Select(e => e.ToString("0.0000", CultureInfo.InvariantCulture))));
            foreach (var (lambda, lda) in new[] { 0.03, 0.1, 0.3, 1.0, 3.0, 10.0, 30.0 }.SelectMany(l => new[] { (l, false), (l, true) }))
            {
                // lda: the 128 components are those of the category means (in the normalised space), not of the papers:
                // CategoryProjection, as the bot ships it.
                var name = lda ? $"lda λ={lambda} {ldaDims}" : $"wccn λ={lambda} pca128";
                if (!Want(name))
                {
                    continue;
                }

                if (lda)
                {
                    // The bot's shipped reduction (CategoryProjection), fitted here on the training half only.
                    var projection = CategoryProjection.Fit(trainEmb, [.. trainDocs.Select(doc => doc.Categories[0])], ldaDims, lambda);
                    study.Evaluate(name, e => Reduced(projection, e), e => Reduced(projection, e), keyword);
                    continue;
                }

                var floor = lambda * spread.Average();
                var scale = spread.Select(x => (float)(1 / Math.Sqrt(x + floor))).ToArray();
                float[] Wccn(float[] e)
                {
                    var y = new float[d];
                    for (var c = 0; c < d; c++)
                    {
                        y[c] = TensorPrimitives.Dot(within.Components.AsSpan(c * d, d), e) * scale[c];
                    }

                    return y;
                }

                var ySample = sample.Select(i => Wccn(emb[i])).ToList();
                var pcaY = PcaReduction.Fit(ySample, 128);
                var map = Linear(pcaY, new double[128], 0, 128, 0);
                study.Evaluate(name, e => map(Wccn(e)), e => map(Wccn(e)), keyword);
            }
        }

        // 5. Supervised (--supervised): the category projection's first k components blended with the index's PCA
        //    (ProjectionBlend.Blend, fitted on the bot's sample), at category weight w.
        if (trainDocs is not null && trainEmb is not null)
        {
            var categories = CategoryProjection.Fit(trainEmb, [.. trainDocs.Select(doc => doc.Categories[0])], Math.Max(128, blends.Max(b => b.K)), 1.0);
            var sampleVectors = sample.Select(i => emb[i]).ToList();
            var pca = PcaReduction.Fit(sampleVectors, blendDims);
            foreach (var (k, w) in blends)
            {
                var name = $"blend lda{k}+pca{blendDims - k} w={w}";
                if (!Want(name))
                {
                    continue;
                }

                var blend = ProjectionBlend.Blend(categories, pca, k, w, sampleVectors);
                study.Evaluate(name, e => Reduced(blend, e), e => Reduced(blend, e), keyword);
            }
        }

        // 6. Supervised (--supervised) with --query-ridge: the category projection for the papers, and for title queries the
        //    QueryProjection learned on the training half's titles and abstracts, mixed with the plain projection at β.
        if (trainDocs is not null && trainEmb is not null && mrrOn && queryRidges.Length > 0)
        {
            var categories = CategoryProjection.Fit(trainEmb, [.. trainDocs.Select(doc => doc.Categories[0])], 128, 1.0);
            var trainTitles = await embedder.EmbedQueriesAsync([.. trainDocs.Select(doc => doc.Title)], ct);
            var trainAbstracts = await embedder.EmbedAsync([.. trainDocs.Select(doc => doc.Abstract)], ct);
            // The modality gap alone: titles moved by the training half's mean abstract − mean title (times s), no map.
            var gap = new float[trainEmb[0].Length];
            foreach (var (t, a) in trainTitles.Zip(trainAbstracts))
            {
                TensorPrimitives.Add(gap, a, gap);
                TensorPrimitives.Subtract(gap, t, gap);
            }

            TensorPrimitives.Divide(gap, trainTitles.Length, gap);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"# mean abstract − mean title: length {TensorPrimitives.Norm(gap):0.000} (titles and abstracts are unit vectors)"));
            foreach (var shift in new[] { 0.25, 0.5, 1.0 })
            {
                study.Evaluate($"lda λ=1 128, titles shifted by {shift} × gap", e => Reduced(categories, e), e =>
                {
                    var moved = (float[])e.Clone();
                    TensorPrimitives.MultiplyAdd(gap, (float)shift, moved, moved);
                    return Reduced(categories, moved);
                }, keyword);
            }

            foreach (var ridge in queryRidges)
            {
                var queries = QueryProjection.Fit(categories, trainTitles, trainAbstracts, ridge);
                foreach (var beta in queryBetas)
                {
                    float[] Query(float[] e)
                    {
                        var plain = Reduced(categories, e);
                        var mapped = Reduced(queries, e);
                        var v = new float[plain.Length];
                        TensorPrimitives.Multiply(plain, (float)(1 - beta), v);
                        TensorPrimitives.MultiplyAdd(mapped, (float)beta, v, v);
                        TensorPrimitives.Divide(v, Math.Max(TensorPrimitives.Norm(v), 1e-12f), v);
                        return v;
                    }

                    study.Evaluate($"lda λ=1 128, query ridge {ridge} β={beta}", e => Reduced(categories, e), Query, keyword);
                }
            }
        }

        // 7. --shipped true: the category projection the bot ships with the model (fitted on all dev papers, so in-sample
        //    here, as in the quality bench), on every paper given.
        if (shipped)
        {
            await using var stream = onnx.OpenProjection(128) ?? throw new InvalidOperationException($"{onnx.ModelId} ships no projection for 128 dimensions.");
            using var reader = new BinaryReader(stream);
            var projection = PcaReduction.Read(reader);
            study.Evaluate("shipped category projection", e => Reduced(projection, e), e => Reduced(projection, e), keyword);
        }

        Console.WriteLine("# " + EmbedBench.Uptime());
        return 0;
    }

    /// <summary>An embedding through <paramref name="reduction"/> (centred, projected, unit length; zeros when nothing is left).</summary>
    private static float[] Reduced(PcaReduction reduction, float[] embedding)
    {
        var v = new float[reduction.Dimensions];
        reduction.Reduce(embedding, v);
        return v;
    }

    /// <summary>The text the embedder embeds for a dev paper, as for an indexed one.</summary>
    internal static string TextOf(CachingTextEmbedder embedder, EvalDocument d) =>
        embedder.TextOf(new Paper { Seq = 0, Id = d.Id, Title = d.Title, Abstract = d.Abstract, Categories = [.. d.Categories], IndexedAt = DateTimeOffset.UnixEpoch });

    /// <summary>The abstract cut at the sentence end nearest its middle (or at the middle).</summary>
    private static (string First, string Second) Halves(string text)
    {
        var mid = text.Length / 2;
        var best = -1;
        for (var i = 0; i < text.Length - 1; i++)
        {
            if (text[i] == '.' && text[i + 1] == ' ' && (best < 0 || Math.Abs(i - mid) < Math.Abs(best - mid)))
            {
                best = i;
            }
        }

        var cut = best > text.Length / 5 && best < text.Length * 4 / 5 ? best + 1 : mid;
        return (text[..cut].Trim(), text[cut..].Trim());
    }

    private static float[] Concat(float[] neural, float a, float[] lsa, float b)
    {
        var v = new float[neural.Length + lsa.Length];
        var nn = TensorPrimitives.Norm(neural);
        var nl = TensorPrimitives.Norm(lsa);
        for (var i = 0; i < neural.Length; i++)
        {
            v[i] = nn > 0 ? neural[i] / nn * a : 0;
        }

        for (var i = 0; i < lsa.Length; i++)
        {
            v[neural.Length + i] = nl > 0 ? lsa[i] / nl * b : 0;
        }

        var norm = TensorPrimitives.Norm(v);
        if (norm > 0)
        {
            TensorPrimitives.Divide(v, norm, v);
        }

        return v;
    }

    /// <summary>Variance of the sample along each component (descending).</summary>
    private static double[] Eigenvalues(PcaReduction pca, List<float[]> sample)
    {
        var d = pca.InputDimensions;
        var result = new double[pca.Dimensions];
        var centred = new float[d];
        foreach (var v in sample)
        {
            TensorPrimitives.Subtract(v, pca.Mean, centred);
            for (var c = 0; c < pca.Dimensions; c++)
            {
                var p = TensorPrimitives.Dot(pca.Components.AsSpan(c * d, d), centred);
                result[c] += p * p;
            }
        }

        return [.. result.Select(r => r / sample.Count)];
    }

    /// <summary>Centre, drop the first <paramref name="skip"/> components, keep <paramref name="dims"/>, scale each by λ^−power, L2-normalise.</summary>
    private static Func<float[], float[]> Linear(PcaReduction pca, double[] eig, int skip, int dims, double power) => e =>
    {
        var d = pca.InputDimensions;
        var centred = new float[d];
        TensorPrimitives.Subtract(e, pca.Mean, centred);
        var v = new float[dims];
        for (var c = 0; c < dims; c++)
        {
            v[c] = TensorPrimitives.Dot(pca.Components.AsSpan((c + skip) * d, d), centred) * (float)Math.Pow(eig[c + skip], -power / 2);
        }

        var norm = TensorPrimitives.Norm(v);
        if (norm > 0)
        {
            TensorPrimitives.Divide(v, norm, v);
        }

        return v;
    };

    private sealed class Study(List<EvalDocument> docs, float[][] emb, float[][]? abs, float[][]? titles)
    {
        public void Evaluate(string name, Func<float[], float[]> paper, Func<float[], float[]> query, List<(long Seq, double Score)>[] keyword) =>
            Evaluate(name, (e, _) => paper(e), query, keyword);

        public void Evaluate(string name, Func<float[], int, float[]> paper, Func<float[], float[]> query, List<(long Seq, double Score)>[] keyword)
        {
            var n = docs.Count;
            var vectors = new float[n][];
            Parallel.For(0, n, i => vectors[i] = paper(emb[i], i));
            var dims = vectors[0].Length;
            var matrix = new VectorMatrix(dims, new float[dims], n);
            for (var i = 0; i < n; i++)
            {
                matrix.Append(i + 1, 0, "", VectorCodec.Encode(vectors[i]));
            }

            // Stored (dequantised) vectors, as NeuralEngine.VectorOf gives them.
            var stored = new float[n][];
            for (var i = 0; i < n; i++)
            {
                stored[i] = VectorCodec.Decode(VectorCodec.Encode(vectors[i]));
                var norm = TensorPrimitives.Norm(stored[i]);
                if (norm > 0)
                {
                    TensorPrimitives.Divide(stored[i], norm, stored[i]);
                }
            }

            var pool = Pools(matrix, stored);

            Report(name, stored, pool, MrrOf(dims, paper, query, keyword));
            foreach (var k in dbaIncremental)
            {
                Incremental($"  + DBA k={k} incremental (sample {sampleSize}, then batches)", stored, k);
            }

            foreach (var k in dba)
            {
                foreach (var alpha in dbaAlpha)
                {
                    // Database-side augmentation: every stored vector moves toward its k nearest (weights cos^α), index built again; then again from the result.
                    var (current, currentPool) = (stored, pool);
                    for (var round = 1; round <= dbaRounds; round++)
                    {
                        (current, currentPool) = Augment(current, currentPool, k, alpha);
                        Report($"  + DBA k={k}{(alpha == 1 ? "" : $" α={alpha}")}{(round == 1 ? "" : $" round {round}")}", current, currentPool, double.NaN);
                    }
                }
            }
        }

        private static (float[][] Vectors, (int Row, float Score)[][] Pool) Augment(float[][] stored, (int Row, float Score)[][] pool, int k, double alpha)
        {
            var n = stored.Length;
            var dims = stored[0].Length;
            var augmented = new float[n][];
            Parallel.For(0, n, i => augmented[i] = Moved(stored[i], pool[i].Take(k).Select(p => (p.Row, p.Score)), stored, alpha));
            var m2 = new VectorMatrix(dims, new float[dims], n);
            for (var i = 0; i < n; i++)
            {
                m2.Append(i + 1, 0, "", VectorCodec.Encode(augmented[i]));
            }

            return (augmented, Pools(m2, augmented));
        }

        /// <summary>The scan's first 100 for every row (the pool every re-ranking works on), each row's own left out.</summary>
        private static (int Row, float Score)[][] Pools(VectorMatrix matrix, float[][] stored)
        {
            var pool = new (int Row, float Score)[stored.Length][];
            Parallel.For(0, stored.Length, i => pool[i] = [.. VectorSearcher.Search(matrix, stored[i], new RowFilter(0, null, i + 1), QueryFeedback.Pool, 0).Select(r => ((int)r.Seq - 1, r.Score))]);
            return pool;
        }

        /// <summary>DBA of one vector: itself plus its neighbours (rows of <paramref name="vectorsOf"/>) weighted cos^α (0 when negative), normalised, stored as int8 and read back as a unit vector.</summary>
        private static float[] Moved(float[] x, IEnumerable<(int Row, float Score)> near, float[][] vectorsOf, double alpha)
        {
            var v = (float[])x.Clone();
            foreach (var (row, score) in near)
            {
                TensorPrimitives.MultiplyAdd(vectorsOf[row], (float)Math.Pow(Math.Max(0, score), alpha), v, v);
            }

            TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
            var q = VectorCodec.Decode(VectorCodec.Encode(v));
            TensorPrimitives.Divide(q, TensorPrimitives.Norm(q), q);
            return q;
        }

        /// <summary>Exponents of the DBA weights (cos^α); the bot's is <see cref="DatabaseAugmentation.WeightExponent"/>.</summary>
        public double[] dbaAlpha { get; init; } = [1];

        /// <summary>DBA applied this many times, each on the previous result.</summary>
        public int dbaRounds { get; init; } = 1;

        public int[] dba { get; init; } = [];

        /// <summary>Cosine weights of the title fusion to report the MRR at, besides the bot's.</summary>
        public double[] denseWeights { get; init; } = [];

        /// <summary>Candidates each side of the title fusion contributes (the bot: <see cref="NeuralFusion.Depth"/>).</summary>
        public int depth { get; init; } = NeuralFusion.Depth;

        public ScoreNormalisation normalisation { get; init; } = NeuralFusion.Normalisation;

        /// <summary>DBA as an index can do it: the sample first (neighbours among its raw vectors), then batches of 256 in order, each paper moved toward its k nearest already stored (augmented) vectors.</summary>
        public int[] dbaIncremental { get; init; } = [];

        public int sampleSize { get; init; } = 5000;

        private void Incremental(string name, float[][] stored, int k)
        {
            var n = docs.Count;
            var dims = stored[0].Length;
            var step = Math.Max(1, (int)Math.Ceiling(n / (double)sampleSize));
            var inSample = Enumerable.Range(0, n).Select(i => i % step == 0 && i / step < sampleSize).ToArray();
            var sample = Enumerable.Range(0, n).Where(i => inSample[i]).ToList();
            var raw = new VectorMatrix(dims, new float[dims], n);
            foreach (var i in sample)
            {
                raw.Append(i + 1, 0, "", VectorCodec.Encode(stored[i]));
            }

            var augmented = new float[n][];
            static float[] Augment(float[] x, List<(long Seq, float Score)> near, float[][] vectorsOf) =>
                Moved(x, near.Select(h => ((int)h.Seq - 1, h.Score)), vectorsOf, 1);

            Parallel.ForEach(sample, i => augmented[i] = Augment(stored[i], VectorSearcher.Search(raw, stored[i], new RowFilter(0, null, i + 1), k, 0), stored));
            var matrix = new VectorMatrix(dims, new float[dims], n);
            foreach (var i in sample)
            {
                matrix.Append(i + 1, 0, "", VectorCodec.Encode(augmented[i]));
            }

            foreach (var batch in Enumerable.Range(0, n).Where(i => !inSample[i]).Chunk(256))
            {
                Parallel.ForEach(batch, i => augmented[i] = Augment(stored[i], VectorSearcher.Search(matrix, stored[i], RowFilter.None, k, 0), augmented));
                foreach (var i in batch)
                {
                    matrix.Append(i + 1, 0, "", VectorCodec.Encode(augmented[i]));
                }
            }

            Report(name, augmented, Pools(matrix, augmented), double.NaN);
        }

        private double MrrOf(int dims, Func<float[], int, float[]> paper, Func<float[], float[]> query, List<(long Seq, double Score)>[] keyword)
        {
            var n = docs.Count;
            var abstracts = new VectorMatrix(dims, new float[dims], n);
            var absStored = new float[n][];
            for (var i = 0; i < n && abs is not null; i++)
            {
                var blob = VectorCodec.Encode(paper(abs[i], i));
                abstracts.Append(i + 1, 0, "", blob);
                absStored[i] = VectorCodec.Decode(blob);
            }

            double mrr = 0;
            var other = new double[denseWeights.Length];
            var mrrLock = new Lock();
            Parallel.For(0, titles is null ? 0 : n, i =>
            {
                var q = query(titles![i]);
                var dense = VectorSearcher.Search(abstracts, q, RowFilter.None, depth, 0).Select(r => (r.Seq, (double)r.Score)).ToList();
                var cos = dense.ToDictionary(d => d.Seq, d => d.Item2);
                double? CosineOf(long s) => cos.TryGetValue(s, out var c) ? c : TensorPrimitives.Dot(q, absStored[s - 1]);
                var rr = QualityMetrics.ReciprocalRank(i, RankFusion.Convex([.. dense.Take(depth)], [.. keyword[i].Take(depth)], NeuralFusion.DenseWeight, normalisation, CosineOf).Select(f => (int)f.Seq - 1));
                // --dense-weights: the same fusion with other weights of the cosine side.
                var rrs = denseWeights.Select(w => QualityMetrics.ReciprocalRank(i, RankFusion.Convex([.. dense.Take(depth)], [.. keyword[i].Take(depth)], w, normalisation, CosineOf).Select(f => (int)f.Seq - 1))).ToArray();
                lock (mrrLock)
                {
                    mrr += rr;
                    for (var w = 0; w < rrs.Length; w++)
                    {
                        other[w] += rrs[w];
                    }
                }
            });
            if (titles is not null && denseWeights.Length > 0)
            {
                Console.WriteLine("  MRR at cosine weight " + string.Join(", ", denseWeights.Select((w, j) => string.Create(CultureInfo.InvariantCulture, $"{w}: {other[j] / n:0.0000}"))));
            }

            if (titles is not null && adaptive)
            {
                Adaptive(dims, paper, query, keyword, abstracts, absStored);
            }

            return titles is null ? double.NaN : mrr / n;
        }

        /// <summary>Whether to print the query-adaptive weight study (<c>--adaptive true</c>).</summary>
        public bool adaptive { get; init; }

        /// <summary>
        /// Query-adaptive fusion weight: α = a when the keyword engine's best hit stands out (its z-score over the keyword
        /// candidates ≥ t: the title's words pick one abstract), else b; per query half (choose on even, check on odd),
        /// with the per-query oracle over the weights as the ceiling.
        /// </summary>
        private void Adaptive(int dims, Func<float[], int, float[]> paper, Func<float[], float[]> query, List<(long Seq, double Score)>[] keyword, VectorMatrix abstracts, float[][] absStored)
        {
            double[] weights = [0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.8];
            var n = docs.Count;
            var rr = new double[n][];
            var z = new double[n];
            Parallel.For(0, n, i =>
            {
                var q = query(titles![i]);
                var dense = VectorSearcher.Search(abstracts, q, RowFilter.None, depth, 0).Select(r => (r.Seq, (double)r.Score)).ToList();
                var cos = dense.ToDictionary(d => d.Seq, d => d.Item2);
                double? CosineOf(long s) => cos.TryGetValue(s, out var c) ? c : TensorPrimitives.Dot(q, absStored[s - 1]);
                var kw = keyword[i].Take(depth).ToList();
                if (kw.Count >= 2)
                {
                    var mean = kw.Average(k => k.Score);
                    var sd = Math.Sqrt(kw.Average(k => (k.Score - mean) * (k.Score - mean)));
                    z[i] = sd > 1e-12 ? (kw[0].Score - mean) / sd : 0;
                }

                rr[i] = [.. weights.Select(w => QualityMetrics.ReciprocalRank(i, RankFusion.Convex([.. dense.Take(depth)], kw, w, normalisation, CosineOf).Select(f => (int)f.Seq - 1)))];
            });
            string Halves(Func<int, double> f) => string.Create(CultureInfo.InvariantCulture,
                $"{Enumerable.Range(0, n).Average(f):0.0000} (even {Enumerable.Range(0, n).Where(i => i % 2 == 0).Average(f):0.0000} / odd {Enumerable.Range(0, n).Where(i => i % 2 == 1).Average(f):0.0000})");
            var fixedAt = Array.IndexOf(weights, NeuralFusion.DenseWeight);
            Console.WriteLine($"  adaptive: fixed α {NeuralFusion.DenseWeight}: {Halves(i => rr[i][fixedAt])}; per-query oracle over {weights.Length} weights: {Halves(i => rr[i].Max())}");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  adaptive: keyword top-1 z-score quartiles {Quantile(z, 0.25):0.00} / {Quantile(z, 0.5):0.00} / {Quantile(z, 0.75):0.00}"));
            var rows = new List<(double Even, string Line)>();
            foreach (var t in new[] { 2.0, 3.0, 4.0, 5.0, 6.0, 8.0 })
            {
                for (var a = 0; a < weights.Length; a++)
                {
                    for (var b = 0; b < weights.Length; b++)
                    {
                        if (a == b)
                        {
                            continue;
                        }

                        double F(int i) => rr[i][z[i] >= t ? a : b];
                        var even = Enumerable.Range(0, n).Where(i => i % 2 == 0).Average(F);
                        rows.Add((even, string.Create(CultureInfo.InvariantCulture, $"  adaptive: z ≥ {t} → α {weights[a]}, else {weights[b]}: {Halves(F)}")));
                    }
                }
            }

            foreach (var (_, line) in rows.OrderByDescending(r => r.Even).Take(8))
            {
                Console.WriteLine(line);
            }
        }

        private static double Quantile(double[] values, double q)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, q * sorted.Length)];
        }

        private void Report(string name, float[][] stored, (int Row, float Score)[][] pool, double mrr)
        {
            var n = docs.Count;
            var first = true;
            foreach (var (rerankName, rerank) in Rerankings())
            {
                var hits = new double[n];
                Parallel.For(0, n, i => hits[i] = QualityMetrics.CategoryPrecision(docs[i], rerank(i, stored, pool).Take(10).Select(r => docs[r])));
                var even = Enumerable.Range(0, n).Where(i => i % 2 == 0).Average(i => hits[i]);
                var odd = Enumerable.Range(0, n).Where(i => i % 2 == 1).Average(i => hits[i]);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{(first ? name : ""),-44} {rerankName,-26} {hits.Average(),6:0.0000} {even,6:0.0000} {odd,6:0.0000}  {(first ? mrr.ToString("0.0000", CultureInfo.InvariantCulture) : ""),6}"));
                first = false;
            }
        }

        private delegate IEnumerable<int> Rerank(int i, float[][] stored, (int Row, float Score)[][] pool);

        private static IEnumerable<(string, Rerank)> Rerankings()
        {
            yield return ("none", (i, _, pool) => pool[i].Select(p => p.Row));
            yield return ("rocchio 3 (bot)", (i, s, pool) => Moved(i, s, pool, 3, 1, 0));
            yield return ("rocchio 5", (i, s, pool) => Moved(i, s, pool, 5, 1, 0));
            foreach (var (k, a) in new[] { (10, 1.0) })
            {
                yield return ($"αQE k={k} α={a}", (i, s, pool) => Moved(i, s, pool, k, 1, a));
            }

            foreach (var (k, size) in new[] { (5, 100), (10, 100), (20, 100), (10, 50) })
            {
                yield return ($"pool-DBA k={k} pool {size}", (i, s, pool) => PoolDba(i, s, pool, k, size));
            }
        }

        /// <summary>
        /// DBA within the pool: the query and every candidate move toward their <paramref name="k"/> nearest among the
        /// query and the pool (cosine-weighted), and the pool is ranked by the moved vectors' cosine.
        /// </summary>
        private static IEnumerable<int> PoolDba(int i, float[][] stored, (int Row, float Score)[][] pool, int k, int size)
        {
            var rows = new List<int> { i };
            rows.AddRange(pool[i].Take(size).Select(p => p.Row));
            var m = rows.Count;
            var gram = new float[m * m];
            for (var a = 0; a < m; a++)
            {
                for (var b = a + 1; b < m; b++)
                {
                    gram[a * m + b] = gram[b * m + a] = TensorPrimitives.Dot(stored[rows[a]], stored[rows[b]]);
                }
            }

            var moved = new float[m][];
            for (var a = 0; a < m; a++)
            {
                var v = (float[])stored[rows[a]].Clone();
                var near = Enumerable.Range(0, m).Where(b => b != a).OrderByDescending(b => gram[a * m + b]).Take(k);
                foreach (var b in near)
                {
                    TensorPrimitives.MultiplyAdd(stored[rows[b]], Math.Max(0, gram[a * m + b]), v, v);
                }

                TensorPrimitives.Divide(v, TensorPrimitives.Norm(v), v);
                moved[a] = v;
            }

            return Enumerable.Range(1, m - 1).OrderByDescending(a => TensorPrimitives.Dot(moved[0], moved[a])).Select(a => rows[a]).Concat(pool[i].Skip(size).Select(p => p.Row));
        }

        /// <summary>The query moved toward its first <paramref name="k"/> neighbours, each weighted by cosine^α (α = 0: equal weights summing to <paramref name="weight"/>), then the pool ranked again.</summary>
        private static IEnumerable<int> Moved(int i, float[][] stored, (int Row, float Score)[][] pool, int k, double weight, double alpha)
        {
            var q = (float[])stored[i].Clone();
            var used = Math.Min(k, pool[i].Length);
            var total = 0.0;
            var w = new double[used];
            for (var j = 0; j < used; j++)
            {
                w[j] = alpha == 0 ? 1 : Math.Pow(Math.Max(0, pool[i][j].Score), alpha);
                total += w[j];
            }

            for (var j = 0; j < used && total > 0; j++)
            {
                TensorPrimitives.MultiplyAdd(stored[pool[i][j].Row], (float)(weight * w[j] / total), q, q);
            }

            return pool[i].Select(p => (p.Row, S: TensorPrimitives.Dot(q, stored[p.Row]))).OrderByDescending(x => x.S).Select(x => x.Row);
        }

        /// <summary>Neighbours whose own first <paramref name="k"/> contain the query come first (in order), then Rocchio 3 over the rest.</summary>
        private static IEnumerable<int> Mutual(int i, float[][] stored, (int Row, float Score)[][] pool, int k)
        {
            var moved = Moved(i, stored, pool, 3, 1, 0).ToList();
            var mutual = moved.Where(r => pool[r].Take(k).Any(p => p.Row == i)).ToList();
            return mutual.Concat(moved.Where(r => !mutual.Contains(r)));
        }
    }
}
