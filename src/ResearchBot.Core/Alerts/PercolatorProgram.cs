using System.Collections.Immutable;
using ResearchBot.Core.Authors;

namespace ResearchBot.Core.Alerts;

/// <summary>
/// All subscriptions' queries compiled into one contiguous array of small postfix programs over interned term ids,
/// so that checking a candidate touches a few cache lines instead of walking a tree of objects. Leaves record their
/// weight and display text for the "why" and the score of a match.
/// </summary>
internal sealed class PercolatorProgram
{
    private const int OpWord = 1;
    private const int OpPhrase = 2;
    private const int OpAuthor = 3;
    private const int OpFlag = 4; // a category or archive key: present or not
    private const int OpAnd = 5;
    private const int OpOr = 6;
    private const int OpNot = 7;
    private const int OpEnd = 0;

    private readonly Dictionary<string, int> _words = [];
    private readonly Dictionary<string, int> _surnames = [];
    private readonly Dictionary<string, int> _categories = [];
    private readonly Dictionary<string, int> _archives = [];
    private readonly List<int> _code = [];
    private readonly List<AuthorName> _authors = [];
    private readonly List<string> _leafText = [];
    private readonly List<(bool Scored, double Weight)> _leafWeight = [];
    private string[] _leafTexts = [];
    private ImmutableArray<string>[] _singleReason = [];
    private (bool Scored, double Weight)[] _leafWeights = [];
    private int _ids;

    public int VocabularySize => _ids;

    public int[] Code { get; private set; } = [];

    /// <summary>Compiles a query; returns the offset of its program.</summary>
    public int Add(QueryNode root)
    {
        var start = _code.Count;
        Emit(root, scored: true);
        _code.Add(OpEnd);
        return start;
    }

    public void Seal()
    {
        Code = [.. _code];
        _leafTexts = [.. _leafText];
        _singleReason = [.. _leafText.Select(t => ImmutableArray.Create(t))];
        _leafWeights = [.. _leafWeight];
    }

    /// <summary>The id for an anchor key (<c>w:stem</c>, <c>a:surname</c>, <c>c:category</c>, <c>p:archive.</c>).</summary>
    public int IdOf(string key) => key[0] switch
    {
        'w' => Intern(_words, key[2..]),
        'a' => Intern(_surnames, key[2..]),
        'c' => Intern(_categories, key[2..]),
        _ => Intern(_archives, key[2..]),
    };

    /// <summary>Maps a paper onto term ids: <paramref name="sequence"/> holds title words, -2, abstract words (-1 = unknown).</summary>
    public void Describe(PaperFeatures paper, List<int> keys, List<int> sequence, List<int> titleKeys)
    {
        foreach (var stem in paper.TitleStems)
        {
            var id = _words.GetValueOrDefault(stem, -1);
            sequence.Add(id);
            if (id >= 0)
            {
                keys.Add(id);
                titleKeys.Add(id);
            }
        }

        sequence.Add(-2);
        foreach (var stem in paper.AbstractStems)
        {
            var id = _words.GetValueOrDefault(stem, -1);
            sequence.Add(id);
            if (id >= 0)
            {
                keys.Add(id);
            }
        }

        foreach (var author in paper.Authors)
        {
            if (_surnames.TryGetValue(author.Surname, out var id))
            {
                keys.Add(id);
            }
        }

        foreach (var category in paper.Categories)
        {
            if (_categories.TryGetValue(category, out var id))
            {
                keys.Add(id);
            }

            var dot = category.IndexOf('.', StringComparison.Ordinal);
            if (_archives.TryGetValue(dot > 0 ? category[..(dot + 1)] : category + ".", out var archive))
            {
                keys.Add(archive);
            }
        }
    }

    /// <summary>Runs one program. <paramref name="present"/>[id] == <paramref name="stamp"/> means the paper has term id.</summary>
    public bool Run(int pc, PaperContext paper)
    {
        Span<bool> stack = stackalloc bool[AlertQueryParser.MaxTerms + 8];
        var sp = 0;
        var code = Code;
        while (true)
        {
            switch (code[pc])
            {
                case OpEnd:
                    return stack[0];
                case OpWord:
                    stack[sp++] = paper.Has(code[pc + 1]);
                    pc += 3;
                    break;
                case OpFlag:
                    stack[sp++] = paper.Has(code[pc + 1]);
                    pc += 3;
                    break;
                case OpAuthor:
                    stack[sp++] = paper.Has(code[pc + 1]) && paper.Features.HasAuthor(_authors[code[pc + 2]]);
                    pc += 4;
                    break;
                case OpPhrase:
                    var n = code[pc + 2];
                    stack[sp++] = paper.FindPhrase(code.AsSpan(pc + 3, n)) > 0;
                    pc += 3 + n;
                    break;
                case OpAnd or OpOr:
                    var count = code[pc + 1];
                    var and = code[pc] == OpAnd;
                    var result = and;
                    for (var i = sp - count; i < sp; i++)
                    {
                        result = and ? result && stack[i] : result || stack[i];
                    }

                    sp -= count;
                    stack[sp++] = result;
                    pc += 2;
                    break;
                default: // OpNot
                    stack[sp - 1] = !stack[sp - 1];
                    pc += 1;
                    break;
            }
        }
    }

    /// <summary>Score and reasons of a program that matched: every true leaf outside a NOT, title hits weighing double.</summary>
    public AlertMatch Explain(int pc, PaperContext paper)
    {
        var code = Code;
        var why = paper.Why;
        why.Clear();
        var firstLeaf = -1;
        var score = 0.0;
        while (code[pc] != OpEnd)
        {
            var op = code[pc];
            int leaf;
            var where = 0;
            switch (op)
            {
                case OpWord:
                    leaf = code[pc + 2];
                    where = paper.InTitle(code[pc + 1]) ? 2 : paper.Has(code[pc + 1]) ? 1 : 0;
                    pc += 3;
                    break;
                case OpFlag:
                    leaf = code[pc + 2];
                    where = paper.Has(code[pc + 1]) ? 1 : 0;
                    pc += 3;
                    break;
                case OpAuthor:
                    leaf = code[pc + 3];
                    where = paper.Has(code[pc + 1]) && paper.Features.HasAuthor(_authors[code[pc + 2]]) ? 1 : 0;
                    pc += 4;
                    break;
                case OpPhrase:
                    leaf = code[pc + 1];
                    where = paper.FindPhrase(code.AsSpan(pc + 3, code[pc + 2]));
                    pc += 3 + code[pc + 2];
                    break;
                default:
                    pc += op == OpNot ? 1 : 2;
                    continue;
            }

            var (scored, weight) = _leafWeights[leaf];
            if (where > 0 && scored)
            {
                score += op is OpWord or OpPhrase && where == 2 ? 2 * weight : weight;
                if (!why.Contains(_leafTexts[leaf]))
                {
                    why.Add(_leafTexts[leaf]);
                    firstLeaf = firstLeaf < 0 ? leaf : firstLeaf;
                }
            }
        }

        // Most matches have one reason: share its array instead of allocating one per match.
        return new AlertMatch(score, why.Count == 1 ? _singleReason[firstLeaf] : ImmutableArray.Create(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(why)));
    }

    private void Emit(QueryNode node, bool scored)
    {
        switch (node)
        {
            case QueryNode.Terms { IsPhrase: false } t:
                _code.AddRange([OpWord, Intern(_words, t.Stems[0]), Leaf(t.Display, scored, 1)]);
                break;
            case QueryNode.Terms t:
                _code.AddRange([OpPhrase, Leaf($"\"{t.Display}\"", scored, t.Stems.Length), t.Stems.Length]);
                _code.AddRange(t.Stems.Select(s => Intern(_words, s)));
                break;
            case QueryNode.Author a:
                _authors.Add(a.Name);
                _code.AddRange([OpAuthor, Intern(_surnames, a.Name.Surname), _authors.Count - 1, Leaf("author " + a.Name.Display, scored, 3)]);
                break;
            case QueryNode.Category c:
                var id = c.Wildcard ? Intern(_archives, c.Value) : Intern(_categories, c.Value);
                _code.AddRange([OpFlag, id, Leaf(c.ToQueryText(), scored, 0.5)]);
                break;
            case QueryNode.Not n:
                Emit(n.Child, scored: false);
                _code.Add(OpNot);
                break;
            case QueryNode.And a:
                a.Children.ToList().ForEach(child => Emit(child, scored));
                _code.AddRange([OpAnd, a.Children.Length]);
                break;
            case QueryNode.Or o:
                o.Children.ToList().ForEach(child => Emit(child, scored));
                _code.AddRange([OpOr, o.Children.Length]);
                break;
        }
    }

    private int Leaf(string text, bool scored, double weight)
    {
        _leafText.Add(text);
        _leafWeight.Add((scored, weight));
        return _leafText.Count - 1;
    }

    private int Intern(Dictionary<string, int> table, string value)
    {
        if (!table.TryGetValue(value, out var id))
        {
            table[value] = id = _ids++;
        }

        return id;
    }
}
