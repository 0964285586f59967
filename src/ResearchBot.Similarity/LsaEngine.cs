using System.Collections.Immutable;
using ResearchBot.Core.Papers;
using ResearchBot.Similarity.Model;
using ResearchBot.Similarity.Search;

namespace ResearchBot.Similarity;

/// <summary>One model version with the matrix of every paper projected by it.</summary>
internal sealed class LsaEngine(LsaModel model, VectorMatrix matrix, long fittedOn)
{
    public const string Kind = "lsa-tfidf";

    public LsaModel Model { get; } = model;
    public VectorMatrix Matrix { get; } = matrix;
    public long FittedOn { get; } = fittedOn;
    public string Description => $"LSA-{Model.Dimensions} v{Model.Version}";

    public static string TextOf(Paper paper) => TextOf(paper.Title, paper.Abstract);

    /// <summary>
    /// The text a paper is indexed by: the title twice (titles are the densest description; on the s2orc sample this
    /// raised title→abstract MRR@10 from 0.923 to 0.945 at equal category precision), then the abstract.
    /// </summary>
    public static string TextOf(string title, string? abstractText) =>
        string.IsNullOrWhiteSpace(abstractText) ? title : title + ".\n" + title + ".\n" + abstractText;

    public static string CategoriesOf(Paper paper) => string.Join(' ', paper.Categories);

    public static int YearOf(Paper paper) => paper.Published?.Year ?? 0;

    /// <summary>Projects and encodes a paper; null when it has no known term.</summary>
    public byte[]? Encode(string text)
    {
        var v = new float[Model.Dimensions];
        return Model.Project(text, v) ? VectorCodec.Encode(v) : null;
    }

    public void Append(long seq, int year, string categories, byte[]? blob) =>
        Matrix.Append(seq, year, categories, blob ?? VectorCodec.Encode(new float[Model.Dimensions]));

    public List<(long Seq, float Score)> Search(string text, RowFilter filter, int k, int candidates, PrefilterKind prefilter = PrefilterKind.Codes, QueryFeedback feedback = default)
    {
        var v = new float[Model.Dimensions];
        return Model.Project(text, v) ? VectorSearcher.Search(Matrix, v, filter, k, candidates, prefilter, feedback) : [];
    }

    public List<(long Seq, float Score)> Search(List<(int Term, float Weight)> weights, RowFilter filter, int k, int candidates, PrefilterKind prefilter, QueryFeedback feedback)
    {
        var v = new float[Model.Dimensions];
        return Model.Project(weights, v) ? VectorSearcher.Search(Matrix, v, filter, k, candidates, prefilter, feedback) : [];
    }

    /// <summary>The query's terms by text, for <see cref="SharedTerms"/> (built once per query).</summary>
    public SharedTermProbe Probe(List<(int Term, float Weight)> query) => new(Model, query);

    /// <summary>The strongest terms two texts share (TF-IDF product), bigrams first absorbing their words.</summary>
    public ImmutableArray<string> SharedTerms(List<(int Term, float Weight)> query, string other, int max = 3) =>
        Probe(query).SharedTerms(other, max);

    /// <summary>The query's top terms by weight (for a keyword more-like-this query).</summary>
    public List<string> TopTerms(List<(int Term, float Weight)> weights, int max) =>
        [.. weights.OrderByDescending(w => w.Weight).Take(max).Select(w => Model.Vocabulary[w.Term])];
}
