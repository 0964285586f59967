using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.Standard;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Queries.Mlt;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using ResearchBot.Core.Papers;

namespace ResearchBot.Benchmarks;

/// <summary>
/// Lucene.Net's MoreLikeThis over the same papers as the engine under test, for the latency benchmarks' side-by-side
/// figure: one document per paper (<c>id</c> as a stored keyword, <c>text</c> = "title. abstract", stored, analysed by
/// <see cref="StandardAnalyzer"/>), and the query from <see cref="NewMoreLikeThis"/>, as <see cref="QualityBench"/> uses
/// it. One query is what <c>/similar ID</c> does with it: find the paper's document by id, <c>Like</c>, search the top
/// 10 besides itself, read their ids.
/// </summary>
internal sealed class LuceneBaseline : IDisposable
{
    private const LuceneVersion V = LuceneVersion.LUCENE_48;

    /// <summary>
    /// The one MoreLikeThis configuration of every benchmark (quality and latency): field <c>text</c>, MinTermFreq 1,
    /// MinDocFreq 2, 25 query terms; no term vectors, so <c>Like(doc)</c> re-analyses the stored text.
    /// </summary>
    internal static MoreLikeThis NewMoreLikeThis(IndexReader reader, Analyzer analyzer) =>
        new(reader) { Analyzer = analyzer, FieldNames = ["text"], MinTermFreq = 1, MinDocFreq = 2, MaxQueryTerms = 25 };
    private readonly FSDirectory _dir;
    private readonly StandardAnalyzer _analyzer;
    private readonly DirectoryReader _reader;
    private readonly IndexSearcher _searcher;
    private readonly MoreLikeThis _mlt;

    private LuceneBaseline(FSDirectory dir, StandardAnalyzer analyzer, string path, BuildStats stats)
    {
        _dir = dir;
        _analyzer = analyzer;
        _reader = DirectoryReader.Open(dir);
        _searcher = new IndexSearcher(_reader);
        _mlt = NewMoreLikeThis(_reader, analyzer);
        Path = path;
        Stats = stats;
    }

    public string Path { get; }

    public BuildStats Stats { get; }

    public int Documents => _reader.NumDocs;

    /// <summary>Index build figures: adding every paper (with two writer threads), the final merge to one segment, bytes on disk.</summary>
    public sealed record BuildStats(long Papers, TimeSpan Add, TimeSpan Merge, long Bytes, int SegmentsBeforeMerge)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"{Papers:N0} documents: add + commit {Add.TotalSeconds:0.0} s ({Papers / Math.Max(1e-9, Add.TotalSeconds):0} docs/s, 2 writer threads, 256 MB RAM buffer), force-merge {SegmentsBeforeMerge} → 1 segment {Merge.TotalSeconds:0.0} s; on disk {Bytes / 1e6:0} MB = {Bytes / (double)Math.Max(1, Papers):0} bytes/paper (stored text included)");
    }

    /// <summary>Indexes every paper <paramref name="papers"/> streams into a fresh folder <paramref name="path"/> (deleted first).</summary>
    public static async Task<LuceneBaseline> BuildAsync(IPaperIndex papers, string path, CancellationToken ct)
    {
        if (System.IO.Directory.Exists(path))
        {
            System.IO.Directory.Delete(path, recursive: true);
        }

        var dir = FSDirectory.Open(path);
        var analyzer = new StandardAnalyzer(V);
        var watch = Stopwatch.StartNew();
        long count = 0;
        int segments;
        TimeSpan added, merged;
        using (var writer = new IndexWriter(dir, new IndexWriterConfig(V, analyzer) { OpenMode = OpenMode.CREATE, RAMBufferSizeMB = 256 }))
        {
            var queue = Channel.CreateBounded<Paper>(new BoundedChannelOptions(4096) { SingleWriter = true });
            var workers = Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                await foreach (var p in queue.Reader.ReadAllAsync(ct))
                {
                    writer.AddDocument(new Document
                    {
                        new StringField("id", p.Id, Field.Store.YES),
                        new TextField("text", p.Title + ". " + p.Abstract, Field.Store.YES),
                    });
                }
            }, ct)).ToArray();
            await foreach (var p in papers.StreamAllAsync(ct))
            {
                await queue.Writer.WriteAsync(p, ct);
                count++;
            }

            queue.Writer.Complete();
            await Task.WhenAll(workers);
            writer.Commit();
            added = watch.Elapsed;
            using (var r = DirectoryReader.Open(dir))
            {
                segments = r.Leaves.Count;
            }

            writer.ForceMerge(1);
            writer.Commit();
            merged = watch.Elapsed - added;
        }

        var bytes = dir.ListAll().Sum(f => dir.FileLength(f));
        return new LuceneBaseline(dir, analyzer, path, new BuildStats(count, added, merged, bytes, segments));
    }

    /// <summary>One <c>/similar ID</c> with MoreLikeThis: the paper's document, its query, the top 10 others' ids.</summary>
    public IReadOnlyList<string> Similar(string id)
    {
        var self = _searcher.Search(new TermQuery(new Term("id", id)), 1).ScoreDocs;
        if (self.Length == 0)
        {
            throw new InvalidOperationException($"Lucene has no document {id}.");
        }

        var doc = self[0].Doc;
        var hits = _searcher.Search(_mlt.Like(doc), 11).ScoreDocs;
        var ids = new List<string>(10);
        foreach (var h in hits)
        {
            if (h.Doc != doc && ids.Count < 10)
            {
                ids.Add(_searcher.Doc(h.Doc).Get("id"));
            }
        }

        return ids;
    }

    /// <summary>
    /// Ours and Lucene's, interleaved query by query (which goes first alternates), after a warm-up of each (200 queries
    /// and 2 s): the wall-clock latency of every query for both, then the percentiles side by side and Lucene/ours.
    /// </summary>
    public async Task<string> CompareAsync(IReadOnlyList<string> ids, Func<string, Task> ours, string oursName, CancellationToken ct)
    {
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 200 || warm.Elapsed < TimeSpan.FromSeconds(2); i++)
        {
            Similar(ids[i % ids.Count]);
            await ours(ids[i % ids.Count]);
        }

        var a = new List<double>(ids.Count);
        var b = new List<double>(ids.Count);
        for (var i = 0; i < ids.Count; i++)
        {
            ct.ThrowIfCancellationRequested();
            if (i % 2 == 0)
            {
                a.Add(await TimeAsync(ids[i]));
                b.Add(TimeLucene(ids[i]));
            }
            else
            {
                b.Add(TimeLucene(ids[i]));
                a.Add(await TimeAsync(ids[i]));
            }
        }

        return Table(a, b, oursName, ids.Count);

        async Task<double> TimeAsync(string id)
        {
            var t = Stopwatch.GetTimestamp();
            await ours(id);
            return Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }

        double TimeLucene(string id)
        {
            var t = Stopwatch.GetTimestamp();
            Similar(id);
            return Stopwatch.GetElapsedTime(t).TotalMilliseconds;
        }
    }

    internal static string Table(List<double> ours, List<double> lucene, string oursName, int queries)
    {
        var o = ours.Order().ToArray();
        var l = lucene.Order().ToArray();
        var lines = new List<string>
        {
            string.Create(CultureInfo.InvariantCulture, $"interleaved A/B, {queries:N0} queries (the same papers for both, alternating which runs first):"),
            string.Create(CultureInfo.InvariantCulture, $"  {"",-6} {oursName,-28} {"Lucene.Net MoreLikeThis",-24} Lucene/ours"),
        };
        foreach (var p in new[] { 0.5, 0.9, 0.99 })
        {
            var x = P(o, p);
            var y = P(l, p);
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"  p{p * 100,-5:0} {x,-28:0.00} {y,-24:0.00} {y / x:0.0}×"));
        }

        lines.Add(string.Create(CultureInfo.InvariantCulture, $"  {"mean",-6} {ours.Average(),-28:0.00} {lucene.Average(),-24:0.00} {lucene.Average() / ours.Average():0.0}×"));
        return string.Join(Environment.NewLine, lines);

        static double P(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    public void Dispose()
    {
        _reader.Dispose();
        _analyzer.Dispose();
        _dir.Dispose();
    }
}
