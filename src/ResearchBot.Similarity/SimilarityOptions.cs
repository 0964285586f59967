using System.ComponentModel.DataAnnotations;

namespace ResearchBot.Similarity;

/// <summary>Section <c>Similarity</c>: the engine behind <c>/similar</c> (LSA, or a neural one with LSA as its stand-in while it embeds).</summary>
public sealed class SimilarityOptions
{
    public const string Section = "Similarity";

    /// <summary>
    /// The engine behind <c>/similar</c>, chosen at start-up: <c>Lsa</c> (the default), <c>MiniLm</c> or <c>ArcticXs</c>
    /// (a sentence-embedding model; answers stay LSA's until every paper is embedded), or <c>Auto</c> (the first neural
    /// model that is installed, else LSA).
    /// </summary>
    [EnumDataType(typeof(SimilarityEngine), ErrorMessage = "Similarity:Engine must be Lsa, MiniLm, ArcticXs or Auto.")]
    public SimilarityEngine Engine { get; set; } = SimilarityEngine.Lsa;

    /// <summary>Dimensions the neural embeddings are reduced to (PCA fitted on a sample) before int8 quantisation.</summary>
    [Range(16, 512, ErrorMessage = "Similarity:NeuralDimensions must be between 16 and 512 (128 keeps the matrix at 194 bytes a paper).")]
    public int NeuralDimensions { get; set; } = 128;

    /// <summary>
    /// <c>Categories</c> (the default): the reduction shipped with the model, learned from the labelled dev corpus; on
    /// unseen papers (fitted on one half of the dev corpus, measured on the other, both ways) it raised category-P@10 by
    /// ≈ 0.03 over PCA, at a title→abstract MRR@10 ≈ 0.001 lower. <c>Pca</c>: fitted on the index's own papers. Applies
    /// when a model version is fitted; an index already embedded keeps its reduction.
    /// </summary>
    [EnumDataType(typeof(NeuralProjection), ErrorMessage = "Similarity:NeuralProjection must be Categories or Pca.")]
    public NeuralProjection NeuralProjection { get; set; } = NeuralProjection.Categories;

    /// <summary>Papers embedded to fit the PCA reduction and the shared-terms vocabulary (all papers when the index is smaller).</summary>
    [Range(100, 200_000, ErrorMessage = "Similarity:NeuralSampleSize must be between 100 and 200000.")]
    public int NeuralSampleSize { get; set; } = 5_000;

    /// <summary>Papers embedded and saved together by the background embedding (a crash loses at most one batch).</summary>
    [Range(1, 4096, ErrorMessage = "Similarity:EmbedBatchSize must be between 1 and 4096.")]
    public int EmbedBatchSize { get; set; } = 256;

    /// <summary>Pseudo-relevance feedback for the neural engine (as <see cref="FeedbackNeighbours"/>; 0: off). 3 measured +0.008 category-P@10 on the first 5,000 dev papers (+0.011 on all), as 5; 1 gains nothing.</summary>
    [Range(0, 20, ErrorMessage = "Similarity:NeuralFeedbackNeighbours must be between 0 (off) and 20.")]
    public int NeuralFeedbackNeighbours { get; set; } = 3;

    /// <summary>
    /// Database-side augmentation of the neural index (0: off): once every paper is embedded, a second pass moves each
    /// stored vector toward its k nearest (weighted by cosine³) and the bot switches to the augmented vectors when the pass
    /// is complete. On all 17,314 dev papers (study harness) k = 20 with cosine³ weights measured category-P@10 0.5233,
    /// k = 10 with plain cosine weights 0.5185, the plain scan 0.4985; k = 30 was no better.
    /// </summary>
    [Range(0, 50, ErrorMessage = "Similarity:NeuralAugmentNeighbours must be between 0 (off) and 50.")]
    public int NeuralAugmentNeighbours { get; set; } = 20;

    /// <summary>Concept dimensions of the LSA model.</summary>
    [Range(16, 512, ErrorMessage = "Similarity:Dimensions must be between 16 and 512 (128 or 256 recommended).")]
    public int Dimensions { get; set; } = 128;

    /// <summary>Papers sampled to fit the model (all papers when the index is smaller).</summary>
    [Range(100, 2_000_000, ErrorMessage = "Similarity:SampleSize must be between 100 and 2000000.")]
    public int SampleSize { get; set; } = 30_000;

    /// <summary>Vocabulary cap (unigrams + bigrams).</summary>
    [Range(1000, 1_000_000, ErrorMessage = "Similarity:MaxFeatures must be between 1000 and 1000000.")]
    public int MaxFeatures { get; set; } = 60_000;

    /// <summary>Refit as a new model version once the index holds this many times the papers the model was fitted on.</summary>
    [Range(1.1, 100.0, ErrorMessage = "Similarity:RefitGrowthFactor must be between 1.1 and 100.")]
    public double RefitGrowthFactor { get; set; } = 2.0;

    /// <summary>From this many papers on, a pre-pass picks candidates for int8 re-scoring (0: always scan exactly).</summary>
    [Range(0, int.MaxValue, ErrorMessage = "Similarity:PrefilterFromPapers must be 0 or more.")]
    public int PrefilterFromPapers { get; set; } = 300_000;

    /// <summary>The pre-pass: <c>Codes</c> (two bits per dimension scored with query lookup tables) or <c>SignBits</c> (Hamming).</summary>
    [EnumDataType(typeof(Search.PrefilterKind), ErrorMessage = "Similarity:Prefilter must be Codes or SignBits.")]
    public Search.PrefilterKind Prefilter { get; set; } = Search.PrefilterKind.Codes;

    /// <summary>Candidates the pre-pass keeps for int8 re-scoring.</summary>
    [Range(100, 1_000_000, ErrorMessage = "Similarity:PrefilterCandidates must be between 100 and 1000000.")]
    public int PrefilterCandidates { get; set; } = 10_000;

    /// <summary>Pseudo-relevance feedback: move the query toward this many of its strongest neighbours before the final ranking (0: off).</summary>
    [Range(0, 20, ErrorMessage = "Similarity:FeedbackNeighbours must be between 0 (off) and 20.")]
    public int FeedbackNeighbours { get; set; } = 3;

    /// <summary>How far the query moves toward its neighbours' mean (1: as far as its own length).</summary>
    [Range(0.0, 5.0, ErrorMessage = "Similarity:FeedbackWeight must be between 0 and 5.")]
    public double FeedbackWeight { get; set; } = 1.0;

    internal Search.QueryFeedback Feedback => new(FeedbackNeighbours, (float)FeedbackWeight);

    internal Search.QueryFeedback NeuralFeedback => new(NeuralFeedbackNeighbours, (float)FeedbackWeight);

    /// <summary>Whether an index of this many papers scans with the pre-pass (see <see cref="PrefilterFromPapers"/>).</summary>
    internal bool UsesPrefilter(int papers) => PrefilterFromPapers > 0 && papers >= PrefilterFromPapers;

    /// <summary>Fuse the vector ranking with an FTS5 more-like-this ranking (reciprocal rank fusion).</summary>
    public bool FuseWithKeywords { get; set; }

    /// <summary>How long a query waits for the index to load or build before answering "not ready" (<c>ask</c> waits the most).</summary>
    [Range(typeof(TimeSpan), "00:00:00.1", "00:10:00", ErrorMessage = "Similarity:ReadyTimeout must be between 00:00:00.1 and 00:10:00.")]
    public TimeSpan ReadyTimeout { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>The longest <see cref="ReadyTimeout"/> allowed.</summary>
    public static readonly TimeSpan MaxReadyTimeout = TimeSpan.FromMinutes(10);
}
