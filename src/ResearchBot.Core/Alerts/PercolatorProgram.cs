using System.Collections.Immutable;
using System.Text;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Text;

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

    private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _surnames = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _archives = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _wordSpans;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _archiveSpans;
    private readonly List<int> _code = [];
    private readonly List<AuthorName> _authors = [];
    private readonly List<string> _leafText = [];
    private string[] _leafTexts = [];
    private ImmutableArray<string>[] _singleReason = [];
    private int _ids;

    public PercolatorProgram()
    {
        _wordSpans = _words.GetAlternateLookup<ReadOnlySpan<char>>();
        _archiveSpans = _archives.GetAlternateLookup<ReadOnlySpan<char>>();
    }

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
    }

    /// <summary>
    /// Adds the ids a paper must have for the query to match: the leaves of its top-level AND (or the query's single
    /// leaf), phrases with all their words. Nothing under OR or NOT is certain. Checking them first turns most
    /// candidates that cannot match away before their program runs.
    /// </summary>
    public void AddRequired(QueryNode node, List<int> into)
    {
        switch (node)
        {
            case QueryNode.Terms { IsPhrase: false } t:
                into.Add(Intern(_words, t.Stems[0]));
                break;
            case QueryNode.Terms t:
                foreach (var stem in t.Stems)
                {
                    into.Add(Intern(_words, stem));
                }

                break;
            case QueryNode.Author a:
                into.Add(Intern(_surnames, a.Name.Surname));
                break;
            case QueryNode.Category c:
                into.Add(c.Wildcard ? Intern(_archives, c.Value) : Intern(_categories, c.Value));
                break;
            case QueryNode.And and:
                foreach (var child in and.Children)
                {
                    AddRequired(child, into);
                }

                break;
        }
    }

    /// <summary>The id for an anchor key (<c>w:stem</c>, <c>a:surname</c>, <c>c:category</c>, <c>p:archive.</c>).</summary>
    public int IdOf(string key) => key[0] switch
    {
        'w' => Intern(_words, key[2..]),
        'a' => Intern(_surnames, key[2..]),
        'c' => Intern(_categories, key[2..]),
        _ => Intern(_archives, key[2..]),
    };

    /// <summary>
    /// Maps a paper onto term ids in <paramref name="paper"/>: its words exactly as <see cref="AlertText.Stems"/> gives
    /// them (looked up as spans on plain ASCII text, the usual case, so no string is made per word), its parsed
    /// authors' surnames, and its categories with their archives, as <see cref="PaperFeatures"/> prepares them.
    /// </summary>
    public void Describe(Paper source, PaperContext paper)
    {
        AddWords(source.Title, paper, title: true);
        paper.Sequence.Add(-2);
        AddWords(source.Abstract, paper, title: false);
        if (!source.Authors.IsDefaultOrEmpty)
        {
            foreach (var name in source.Authors)
            {
                if (AuthorName.Parse(name) is { } author)
                {
                    paper.Authors.Add(author);
                    if (_surnames.TryGetValue(author.Surname, out var id))
                    {
                        paper.AddKey(id);
                    }
                }
            }
        }

        if (source.Categories.IsDefaultOrEmpty)
        {
            return;
        }

        Span<char> archive = stackalloc char[64];
        foreach (var raw in source.Categories)
        {
            var category = raw.Trim().ToLowerInvariant();
            if (_categories.TryGetValue(category, out var id))
            {
                paper.AddKey(id);
            }

            var dot = category.IndexOf('.', StringComparison.Ordinal);
            int found;
            if (dot > 0)
            {
                found = _archiveSpans.TryGetValue(category.AsSpan(0, dot + 1), out var a) ? a : -1;
            }
            else if (category.Length < archive.Length)
            {
                category.CopyTo(archive);
                archive[category.Length] = '.';
                found = _archiveSpans.TryGetValue(archive[..(category.Length + 1)], out var a) ? a : -1;
            }
            else
            {
                found = _archives.GetValueOrDefault(category + ".", -1);
            }

            if (found >= 0)
            {
                paper.AddKey(found);
            }
        }
    }

    private void AddWords(string? text, PaperContext paper, bool title)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        if (!Ascii.IsValid(text) || text.Contains('\\', StringComparison.Ordinal))
        {
            foreach (var stem in AlertText.Stems(text))
            {
                paper.AddWord(_words.GetValueOrDefault(stem, -1), title);
            }

            return;
        }

        // AlertText's ASCII path, word by word into the reused buffer: letters and digits lower-cased, apostrophes
        // dropped inside a word, anything else ends it.
        var word = paper.Word;
        var length = 0;
        foreach (var ch in text)
        {
            if (char.IsAsciiLetterOrDigit(ch))
            {
                if (length == word.Length)
                {
                    Array.Resize(ref word, word.Length * 2);
                    paper.Word = word;
                }

                word[length++] = char.ToLowerInvariant(ch);
            }
            else if (ch != '\'' && length > 0)
            {
                paper.AddWord(WordId(word.AsSpan(0, length)), title);
                length = 0;
            }
        }

        if (length > 0)
        {
            paper.AddWord(WordId(word.AsSpan(0, length)), title);
        }
    }

    private int WordId(Span<char> word) => _wordSpans.TryGetValue(PluralStemmer.StemInPlace(word), out var id) ? id : -1;

    /// <summary>
    /// Runs one program against the paper loaded in <paramref name="paper"/>. Records the true leaves that count as
    /// reasons (outside any NOT) in <see cref="PaperContext.Reasons"/>, for <see cref="MatchOf"/>.
    /// </summary>
    public bool Run(int pc, PaperContext paper)
    {
        Span<bool> stack = stackalloc bool[AlertQueryParser.MaxTerms + 8];
        var sp = 0;
        var code = Code;
        var reasons = paper.Reasons;
        reasons.Clear();
        while (true)
        {
            int where;
            switch (code[pc])
            {
                case OpEnd:
                    return stack[0];
                case OpWord:
                    where = paper.InTitle(code[pc + 1]) ? 2 : paper.Has(code[pc + 1]) ? 1 : 0;
                    Record(reasons, code[pc + 2], code[pc + 3] * where);
                    pc += 4;
                    break;
                case OpFlag:
                    where = paper.Has(code[pc + 1]) ? 1 : 0;
                    Record(reasons, code[pc + 2], code[pc + 3] * where);
                    pc += 4;
                    break;
                case OpAuthor:
                    where = paper.Has(code[pc + 1]) && paper.HasAuthor(_authors[code[pc + 2]]) ? 1 : 0;
                    Record(reasons, code[pc + 3], code[pc + 4] * where);
                    pc += 5;
                    break;
                case OpPhrase:
                    var n = code[pc + 3];
                    where = paper.FindPhrase(code.AsSpan(pc + 4, n));
                    Record(reasons, code[pc + 1], code[pc + 2] * where);
                    pc += 4 + n;
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
                    continue;
                default: // OpNot
                    stack[sp - 1] = !stack[sp - 1];
                    pc += 1;
                    continue;
            }

            stack[sp++] = where > 0;
        }
    }

    /// <summary>Score and reasons of the program that just matched: the recorded leaves, title hits weighing double.</summary>
    public AlertMatch MatchOf(PaperContext paper)
    {
        var reasons = paper.Reasons;
        var points = 0;
        var why = paper.Why;
        why.Clear();
        var firstLeaf = -1;
        foreach (var (leaf, leafPoints) in reasons)
        {
            points += leafPoints;
            var text = _leafTexts[leaf];
            if (!why.Contains(text))
            {
                why.Add(text);
                firstLeaf = firstLeaf < 0 ? leaf : firstLeaf;
            }
        }

        // Most matches have one reason: share its array instead of allocating one per match.
        return new AlertMatch(points / 2.0, why.Count == 1 ? _singleReason[firstLeaf] : ImmutableArray.Create(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(why)));
    }

    /// <summary>Leaves are weighed in half points: a word 2 (doubled in the title), a phrase 2 per word, an author 6, a category 1; 0 under NOT.</summary>
    private static void Record(List<(int Leaf, int Points)> reasons, int leaf, int points)
    {
        if (points > 0)
        {
            reasons.Add((leaf, points));
        }
    }

    private void Emit(QueryNode node, bool scored)
    {
        switch (node)
        {
            case QueryNode.Terms { IsPhrase: false } t:
                _code.AddRange([OpWord, Intern(_words, t.Stems[0]), Leaf(t.Display), scored ? 2 : 0]);
                break;
            case QueryNode.Terms t:
                _code.AddRange([OpPhrase, Leaf($"\"{t.Display}\""), scored ? 2 * t.Stems.Length : 0, t.Stems.Length]);
                _code.AddRange(t.Stems.Select(s => Intern(_words, s)));
                break;
            case QueryNode.Author a:
                _authors.Add(a.Name);
                _code.AddRange([OpAuthor, Intern(_surnames, a.Name.Surname), _authors.Count - 1, Leaf("author " + a.Name.Display), scored ? 6 : 0]);
                break;
            case QueryNode.Category c:
                var id = c.Wildcard ? Intern(_archives, c.Value) : Intern(_categories, c.Value);
                _code.AddRange([OpFlag, id, Leaf(c.ToQueryText()), scored ? 1 : 0]);
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

    private int Leaf(string text)
    {
        _leafText.Add(text);
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
