using System.Text.Json;
using ResearchBot.Similarity.Evaluation;

namespace ResearchBot.Similarity.Tests.Alerts;

/// <summary>A small labelled corpus in time order: each category has its own words, all share a common vocabulary.</summary>
internal static class SyntheticAlertCorpus
{
    private static readonly string[] Syllables = ["ka", "to", "mi", "ra", "ne", "lu", "po", "vi", "de", "gu", "zo", "fe"];

    public static List<EvalDocument> Create(int categories = 6, int perCategory = 150, int seed = 3)
    {
        var random = new Random(seed);
        var common = Words(random, 150);
        var own = Enumerable.Range(0, categories).Select(_ => Words(random, 25)).ToList();
        var docs = new List<EvalDocument>();
        foreach (var c in Enumerable.Range(0, categories))
        {
            for (var i = 0; i < perCategory; i++)
            {
                var words = Enumerable.Range(0, 40).Select(_ => random.NextDouble() < 0.5 ? own[c][random.Next(own[c].Count)] : common[random.Next(common.Count)]);
                var cats = new List<string> { Name(c) };
                if (random.NextDouble() < 0.1)
                {
                    cats.Add(Name((c + 1) % categories));
                }

                docs.Add(new EvalDocument($"syn-{c}-{i}", string.Join(' ', words.Take(8)), string.Join(' ', words.Skip(8)), cats));
            }
        }

        random.Shuffle(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(docs));
        return docs;
    }

    public static string Name(int category) => "syn." + (char)('a' + category);

    public static string WriteJsonLines(List<EvalDocument> docs)
    {
        var path = Path.Combine(Path.GetTempPath(), "alerts-eval-" + Guid.NewGuid().ToString("N") + ".jsonl");
        File.WriteAllLines(path, docs.Select(d => JsonSerializer.Serialize(new { id = d.Id, title = d.Title, @abstract = d.Abstract, categories = d.Categories })));
        return path;
    }

    private static List<string> Words(Random random, int count)
    {
        var words = new HashSet<string>(StringComparer.Ordinal);
        while (words.Count < count)
        {
            words.Add(string.Concat(Enumerable.Range(0, 3).Select(_ => Syllables[random.Next(Syllables.Length)])));
        }

        return [.. words];
    }
}
