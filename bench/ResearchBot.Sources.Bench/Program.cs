using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ResearchBot.Core;
using ResearchBot.Sources;
using ResearchBot.Sources.Import;
using ResearchBot.Storage.Sqlite;

// Import benchmark for README.md ("Import benchmark").
//   generate N FILE [--vocabulary V] [--surnames S]
//                     writes N synthetic arXiv-snapshot records shaped like the Kaggle file (.gz if FILE ends so);
//                     with --vocabulary, titles and abstracts draw Zipf-distributed (s = 1.3) words from V distinct words
//                     (a search-index workload like real abstracts) instead of 40 uniform ones; --surnames
//                     widens the author name space (default 120,000)
//   import FILE DB [--batch N] [--bulk]
//                     runs the real importer behind the `import` verb (same DI as the executable) into a fresh SQLite file DB
if (args is ["generate", var n, var file, ..])
{
    var vocabulary = Option(args, "--vocabulary") ?? 0;
    var surnames = Option(args, "--surnames") ?? 120_000;
    Generate(int.Parse(n, CultureInfo.InvariantCulture), file, vocabulary, surnames);
    return 0;
}

if (args is ["import", var input, var db, ..])
{
    File.Delete(db);
    var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["Storage:DatabasePath"] = db,
        ["Storage:SeedDemoData"] = "false",
    }).Build();
    var services = new ServiceCollection().AddSingleton<IConfiguration>(config).AddLogging(b => b.AddFilter(_ => false));
    services.AddResearchBotCore().AddSqliteStorage().AddPaperSources(config);
    await using var sp = services.BuildServiceProvider();
    var importer = sp.GetRequiredService<SnapshotImporter>();
    var deferFts = args.Contains("--defer-fts");
    var database = sp.GetRequiredService<SqliteDatabase>();
    if (deferFts)
    {
        // Experiment only: what an import mode that builds the search index once at the end would gain.
        await using var c = await database.OpenAsync(CancellationToken.None);
        using var drop = c.CreateCommand();
        drop.CommandText = "DROP TRIGGER papers_ai";
        drop.ExecuteNonQuery();
    }

    var sw = Stopwatch.StartNew();
    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
    var request = new ImportRequest(input, Option(args, "--batch") ?? ImportRequest.DefaultBatchSize, args.Contains("--bulk"));
    var code = await importer.ImportAsync(request, Console.Out, Console.Error, CancellationToken.None);
    if (deferFts)
    {
        var rebuild = Stopwatch.StartNew();
        await using var c = await database.OpenAsync(CancellationToken.None);
        using var cmd = c.CreateCommand();
        cmd.CommandText = "INSERT INTO papers_fts (papers_fts) VALUES ('rebuild')";
        cmd.CommandTimeout = 0;
        cmd.ExecuteNonQuery();
        Console.WriteLine($"FTS rebuild {rebuild.Elapsed.TotalSeconds:0.0} s");
    }

    Console.WriteLine($"exit {code}; wall {sw.Elapsed.TotalSeconds:0.0} s; CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds:0.0} s; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576} MiB; db {new FileInfo(db).Length / 1048576} MiB");
    return code;
}

if (args is ["parse", var parseFile])
{
    // Parsing alone (no storage), to split the import's cost between reading and writing.
    var sw = Stopwatch.StartNew();
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    long good = 0;
    foreach (var line in File.ReadLines(parseFile))
    {
        if (ResearchBot.Sources.Snapshot.PaperLine.Parse(line, out _) is not null)
        {
            good++;
        }
    }

    Console.WriteLine($"parsed {good:N0} in {sw.Elapsed.TotalSeconds:0.0} s wall, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:0.0} s CPU");
    return 0;
}

Console.Error.WriteLine("usage: bench generate N FILE | bench import FILE DB [--batch N]");
return 2;

static int? Option(string[] args, string name) =>
    Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : null;

static void Generate(int count, string file, int vocabulary, int surnames)
{
    var rng = new Random(42);
    var zipf = vocabulary > 0 ? ZipfCdf(vocabulary) : [];
    string Word(int rank) => rank < 16 ? Syllable(rank) + "n" : Word(rank / 16) + Syllable(rank);
    int ZipfRank()
    {
        var i = Array.BinarySearch(zipf, rng.NextDouble());
        return i >= 0 ? i : Math.Min(vocabulary - 1, ~i);
    }

    string NextWord(string[] fixedWords) => vocabulary > 0 ? Word(ZipfRank()) : fixedWords[rng.Next(fixedWords.Length)];
    string[] words = ["quantum", "neural", "network", "learning", "graph", "theory", "model", "spectral", "dynamics", "field", "energy", "optimal", "transport", "stochastic", "inference", "gauge", "lattice", "galaxy", "cluster", "protein", "sparse", "random", "matrix", "boundary", "entropy", "scattering", "symmetry", "topological", "estimator", "regression", "kernel", "manifold", "operator", "phase", "transition", "black", "hole", "dark", "matter", "convex"];
    string[] cats = ["hep-ph", "hep-th", "math.CO", "cs.LG", "cs.AI", "astro-ph.GA", "cond-mat.str-el", "quant-ph", "math.PR", "stat.ML", "q-bio.NC", "physics.optics", "gr-qc", "nucl-th", "cs.CV"];
    string[] given = ["A.", "B.", "C.", "Maria", "Jun", "Wei", "Anna", "John", "Ravi", "Olga", "Pierre", "Yuki", "Li", "Hans", "Sofia", "E. L.", "P. M.", "C.-P."];
    // ~120k distinct surnames, Zipf-like reuse, some TeX accents, like the real file's long tail.
    string Surname(int i) => (i % 17 == 0 ? "Bal\\'a" : "") + char.ToUpperInvariant(Syllable(i)[0]) + Syllable(i)[1..] + Syllable(i / 16) + Syllable(i / 256) + (i >= 4096 ? Syllable(i / 4096) : "")
        + (i >= 120_000 ? "s" + Syllable(i / 65536) + Syllable(i / 1048576) : ""); // past the default range: more distinct names
    static string Syllable(int i) => new[] { "ka", "to", "mi", "ren", "sa", "lo", "vik", "dan", "ber", "no", "zu", "hel", "mar", "tin", "gor", "ell" }[i % 16];
    int Pick(int max) => (int)Math.Min(max - 1, Math.Floor(Math.Pow(rng.NextDouble(), 3) * max));

    using var stream = File.Create(file);
    using Stream output = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionLevel.Fastest) : stream;
    using var writer = new Utf8JsonWriter(output);
    var newline = "\n"u8.ToArray();
    for (var i = 0; i < count; i++)
    {
        // 10,000 ids a month from 0704 on, like 0704.0001; 5 digits from 1501 on, as arXiv does (the first 930,000
        // records are the same as before this rule, so 300k runs stay comparable).
        var month = (i / 10000) + 3;
        var yymm = ((7 + (month / 12)) * 100) + (month % 12) + 1;
        var id = yymm >= 1501 ? $"{yymm:0000}.{i % 10000:00000}" : $"{yymm:0000}.{i % 10000:0000}";
        var nAuthors = 1 + Pick(12);
        var authorsParsed = Enumerable.Range(0, nAuthors).Select(_ => { var s = Pick(surnames); return new[] { Surname(s), given[s % given.Length], s % 97 == 0 ? "II" : "" }; }).ToArray();
        var title = string.Join(' ', Enumerable.Range(0, 6 + rng.Next(8)).Select(_ => NextWord(words)));
        var abs = string.Join(' ', Enumerable.Range(0, 120 + rng.Next(80)).Select(_ => NextWord(words)));
        var nCats = 1 + Pick(3);
        writer.WriteStartObject();
        writer.WriteString("id", id);
        writer.WriteString("submitter", "Someone");
        writer.WriteString("authors", string.Join(", ", authorsParsed.Select(a => $"{a[1]} {a[0]}")));
        writer.WriteString("title", title);
        writer.WriteString("comments", "10 pages");
        writer.WriteNull("journal-ref");
        if (i % 3 == 0) { writer.WriteString("doi", $"10.1000/synthetic.{i}"); } else { writer.WriteNull("doi"); }
        writer.WriteNull("report-no");
        writer.WriteString("categories", string.Join(' ', Enumerable.Range(0, nCats).Select(k => cats[(i + (k * 5)) % cats.Length]).Distinct()));
        writer.WriteNull("license");
        writer.WriteString("abstract", abs);
        writer.WriteStartArray("versions");
        for (var v = 1; v <= 1 + (i % 3); v++)
        {
            writer.WriteStartObject();
            writer.WriteString("version", $"v{v}");
            writer.WriteString("created", "Mon, 2 Apr 2007 19:18:42 GMT");
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("update_date", "2008-11-26");
        writer.WriteStartArray("authors_parsed");
        foreach (var a in authorsParsed)
        {
            writer.WriteStartArray();
            foreach (var p in a)
            {
                writer.WriteStringValue(p);
            }

            writer.WriteEndArray();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.Flush();
        output.Write(newline);
        writer.Reset();
    }
}

// Cumulative Zipf probabilities over `size` ranks, for sampling by binary search. s = 1.3 over 2M words gives about
// 20,000 distinct words in 2,000 abstracts and 1.6M in 2.7M, in line with Heaps' law for scientific abstracts.
static double[] ZipfCdf(int size)
{
    var cdf = new double[size];
    var sum = 0.0;
    for (var r = 0; r < size; r++)
    {
        sum += Math.Pow(r + 1, -1.3);
        cdf[r] = sum;
    }

    for (var r = 0; r < size; r++)
    {
        cdf[r] /= sum;
    }

    return cdf;
}
