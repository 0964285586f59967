namespace ResearchBot.Similarity.Search;

/// <summary>Interns each distinct category list once, so a row stores a 4-byte set id instead of strings.</summary>
internal sealed class CategorySets
{
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<string[]> _sets = [];
    private readonly Lock _gate = new();

    public int Intern(string categories)
    {
        lock (_gate)
        {
            if (!_ids.TryGetValue(categories, out var id))
            {
                id = _sets.Count;
                _ids[categories] = id;
                _sets.Add(categories.Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }

            return id;
        }
    }

    /// <summary>Which set ids contain the category (case-insensitive).</summary>
    public bool[] Containing(string category)
    {
        lock (_gate)
        {
            var allowed = new bool[_sets.Count + 1];
            for (var i = 0; i < _sets.Count; i++)
            {
                allowed[i] = _sets[i].Any(c => string.Equals(c, category, StringComparison.OrdinalIgnoreCase));
            }

            return allowed;
        }
    }

    public string[] Get(int id)
    {
        lock (_gate)
        {
            return _sets[id];
        }
    }
}
