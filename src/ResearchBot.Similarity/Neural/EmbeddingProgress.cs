namespace ResearchBot.Similarity.Neural;

/// <summary>How much of the index the neural engine covers.</summary>
/// <param name="Embedded">Papers with a stored vector of the current model version.</param>
/// <param name="Total">Papers in the index (as last counted).</param>
/// <param name="Complete">Whether the engine answers (every paper embedded; the switch from LSA has happened).</param>
public sealed record EmbeddingProgress(long Embedded, long Total, bool Complete)
{
    /// <summary>Whole percent embedded, 0–100 (100 only when complete).</summary>
    public int Percent => Complete ? 100 : Total <= 0 ? 0 : (int)Math.Min(99, Embedded * 100 / Total);

    /// <summary>The footer line of answers given by LSA meanwhile.</summary>
    public string FooterNote => $"neural index {Percent} %: answers use LSA until it is complete";
}

/// <summary>How a background embedding run ended.</summary>
public enum EmbeddingOutcome
{
    /// <summary>Every paper is embedded; the neural engine answers.</summary>
    Complete,

    /// <summary>There are no papers yet.</summary>
    Empty,

    /// <summary>Another process holds the job's lease (it embeds; this one answers with LSA meanwhile).</summary>
    HeldElsewhere,

    /// <summary>Papers are still missing (some could not be embedded); the next run retries them.</summary>
    Incomplete,
}
