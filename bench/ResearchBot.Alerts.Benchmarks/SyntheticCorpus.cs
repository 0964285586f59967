using ResearchBot.Core.Papers;

namespace ResearchBot.Alerts.Benchmarks;

/// <summary>
/// Papers and queries drawn from a Zipf-distributed vocabulary (a few very common words, a long tail of rare ones),
/// 150 categories and 50,000 surnames, so that subscriptions share anchors the way real topic queries do.
/// </summary>
internal sealed class SyntheticCorpus(int seed)
{
    private const int Vocabulary = 30_000;
    private static readonly string[] Archives = ["cs", "math", "stat", "physics", "q-bio", "eess", "econ", "q-fin"];
    private static readonly string[] Given = ["Wei", "Anna", "Konrad", "Yujia", "Maria", "John", "Li", "Sara", "Ahmed", "Olga", "Ken", "Ada"];
    private readonly Random _rng = new(seed);
    private readonly double[] _cumulative = BuildZipf(Vocabulary, 1.07);
    private readonly string[] _words = [.. Enumerable.Range(0, Vocabulary).Select(WordFor)];
    private readonly string[] _categories = [.. Enumerable.Range(0, 150).Select(i => $"{Archives[i % Archives.Length]}.{WordFor(i + 31)}")];
    private readonly string[] _surnames = [.. Enumerable.Range(0, 50_000).Select(i => "Sur" + WordFor(i + 7919))];

    public Paper Paper(long seq) => new()
    {
        Seq = seq,
        Id = $"2603.{seq:D5}",
        Title = Text(10),
        Abstract = Text(160),
        Authors = [.. Enumerable.Range(0, 1 + _rng.Next(6)).Select(_ => $"{Given[_rng.Next(Given.Length)]} {_surnames[_rng.Next(_surnames.Length)]}")],
        Categories = [.. Enumerable.Range(0, 1 + _rng.Next(3)).Select(_ => _categories[(int)(Math.Pow(_rng.NextDouble(), 2) * _categories.Length)])],
        IndexedAt = DateTimeOffset.UnixEpoch,
    };

    /// <summary>A topic query like people write: mid-frequency words, phrases, an author, a category, some OR and NOT.</summary>
    public string Query() => _rng.Next(10) switch
    {
        0 => $"author:\"{Given[_rng.Next(Given.Length)]} {_surnames[_rng.Next(_surnames.Length)]}\"",
        1 => $"\"{Topic()} {Topic()}\" cat:{_categories[_rng.Next(_categories.Length)]}",
        2 => $"({Topic()} OR {Topic()}) -{Topic()}",
        3 => $"\"{Topic()} {Topic()}\"",
        4 => $"{Topic()} {Topic()} cat:{Archives[_rng.Next(Archives.Length)]}.*",
        5 => $"{Topic()} OR {Topic()} OR author:{_surnames[_rng.Next(_surnames.Length)]}",
        _ => $"{Topic()} {Topic()}",
    };

    private string Topic() => _words[200 + _rng.Next(Vocabulary - 200)];

    private string Text(int words) => string.Join(' ', Enumerable.Range(0, words).Select(_ => _words[Draw()]));

    private int Draw()
    {
        var i = Array.BinarySearch(_cumulative, _rng.NextDouble());
        return Math.Min(i < 0 ? ~i : i, Vocabulary - 1);
    }

    private static double[] BuildZipf(int n, double s)
    {
        var c = new double[n];
        double sum = 0;
        for (var i = 0; i < n; i++)
        {
            sum += 1 / Math.Pow(i + 1, s);
            c[i] = sum;
        }

        for (var i = 0; i < n; i++)
        {
            c[i] /= sum;
        }

        return c;
    }

    private static string WordFor(int i)
    {
        const string letters = "bcdfghklmnprstvz";
        const string vowels = "aeiou";
        var chars = new List<char>();
        var x = i + 1;
        while (x > 0)
        {
            chars.Add(letters[x % letters.Length]);
            x /= letters.Length;
            chars.Add(vowels[x % vowels.Length]);
            x /= vowels.Length;
        }

        return new string([.. chars]) + "x";
    }
}
