using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ResearchBot.Benchmarks;

/// <summary>
/// Generates papers whose words, lengths and categories follow the demo abstracts: each category has its own word
/// distribution (mixed 60/40 with the global one), abstract and title lengths are resampled from the demo, authors
/// follow a Zipfian productivity law (s = 1.1), and dates grow towards the present like arXiv's submission curve.
/// </summary>
internal sealed partial class SyntheticCorpus
{
    private readonly (string[] Words, double[] Cdf) _global;
    private readonly Dictionary<string, (string[] Words, double[] Cdf)> _byCategory = [];
    private readonly string[] _categories;
    private readonly double[] _categoryCdf;
    private readonly int[] _abstractLengths;
    private readonly int[] _titleLengths;
    private readonly string[] _given;
    private readonly string[] _surnames;
    private readonly double[] _authorCdf;
    private readonly Random _random;

    public SyntheticCorpus(string seedPapersPath, long papers, int seed = 7)
    {
        _random = new Random(seed);
        var global = new Dictionary<string, int>();
        var perCat = new Dictionary<string, Dictionary<string, int>>();
        var abstractLengths = new List<int>();
        var titleLengths = new List<int>();
        var names = new List<string>();
        foreach (var line in File.ReadLines(seedPapersPath))
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            var abs = root.TryGetProperty("abstract", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString()! : "";
            var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : "";
            var cat = root.TryGetProperty("category", out var c) && c.ValueKind == JsonValueKind.String ? Core.Ingestion.Formats.DemoPaperFormat.NormalizeCategory(c.GetString()!) : "cs.LG";
            var words = Word().Matches(abs + " " + title).Select(m => m.Value.ToLowerInvariant()).ToList();
            if (abs.Length > 0)
            {
                abstractLengths.Add(Word().Count(abs));
            }

            titleLengths.Add(Math.Max(3, Word().Count(title)));
            var bucket = perCat.TryGetValue(cat, out var b) ? b : perCat[cat] = [];
            foreach (var w in words)
            {
                global[w] = global.GetValueOrDefault(w) + 1;
                bucket[w] = bucket.GetValueOrDefault(w) + 1;
            }

            if (root.TryGetProperty("authors", out var au) && au.ValueKind == JsonValueKind.Array)
            {
                names.AddRange(au.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!));
            }
        }

        _global = Distribution(global);
        foreach (var (cat, counts) in perCat)
        {
            _byCategory[cat] = Distribution(counts);
        }

        _categories = [.. perCat.Keys.Order(StringComparer.Ordinal)];
        _categoryCdf = Cdf([.. _categories.Select(c => (double)perCat[c].Values.Sum())]);
        _abstractLengths = [.. abstractLengths.Where(l => l > 20)];
        _titleLengths = [.. titleLengths];
        _given = [.. names.Select(n => n.Split(' ')[0]).Distinct()];
        _surnames = [.. names.Select(n => n.Split(' ')[^1]).Distinct()];
        var authorPool = (int)Math.Max(100, papers / 3);
        _authorCdf = Cdf([.. Enumerable.Range(1, authorPool).Select(r => 1 / Math.Pow(r, 1.1))]);
    }

    public IEnumerable<SyntheticPaper> Generate(long count)
    {
        var perMonth = new Dictionary<int, int>();
        for (long i = 0; i < count; i++)
        {
            var category = _categories[Pick(_categoryCdf)];
            var year = 2026 - (int)Math.Floor(-Math.Log(1 - _random.NextDouble() * 0.999) * 6) % 30;
            var month = _random.Next(1, 13);
            var yymm = (year % 100) * 100 + month;
            var n = perMonth[yymm] = perMonth.GetValueOrDefault(yymm) + 1;
            var id = string.Create(CultureInfo.InvariantCulture, $"{yymm:0000}.{n:00000}");
            var authors = Enumerable.Range(0, 1 + Math.Min(9, (int)(-Math.Log(1 - _random.NextDouble()) * 3))).Select(_ => Author(Pick(_authorCdf))).Distinct().ToArray();
            yield return new SyntheticPaper(
                id,
                Capitalise(Text(category, _titleLengths[_random.Next(_titleLengths.Length)])),
                Capitalise(Text(category, _abstractLengths[_random.Next(_abstractLengths.Length)])) + ".",
                authors,
                new DateOnly(year, month, _random.Next(1, 29)),
                category);
        }
    }

    private string Text(string category, int words)
    {
        var sb = new StringBuilder(words * 8);
        var topical = _byCategory[category];
        for (var i = 0; i < words; i++)
        {
            var (w, cdf) = _random.NextDouble() < 0.6 ? topical : _global;
            sb.Append(i == 0 ? "" : " ").Append(w[Pick(cdf)]);
        }

        return sb.ToString();
    }

    private string Author(int rank) => $"{_given[(int)(rank * 7919L % _given.Length)]} {_surnames[rank % _surnames.Length]}{(rank >= _surnames.Length ? "-" + (rank / _surnames.Length).ToString(CultureInfo.InvariantCulture) : "")}";

    private int Pick(double[] cdf)
    {
        var i = Array.BinarySearch(cdf, _random.NextDouble());
        return Math.Min(i < 0 ? ~i : i, cdf.Length - 1);
    }

    private static (string[], double[]) Distribution(Dictionary<string, int> counts)
    {
        var words = counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).ToArray();
        return ([.. words.Select(w => w.Key)], Cdf([.. words.Select(w => (double)w.Value)]));
    }

    private static double[] Cdf(double[] weights)
    {
        var total = weights.Sum();
        var cdf = new double[weights.Length];
        double acc = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            acc += weights[i] / total;
            cdf[i] = acc;
        }

        return cdf;
    }

    private static string Capitalise(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    [GeneratedRegex(@"[A-Za-z][A-Za-z\-]+")]
    private static partial Regex Word();
}

internal sealed record SyntheticPaper(string ArxivId, string Title, string Abstract, string[] Authors, DateOnly Published, string Category);
