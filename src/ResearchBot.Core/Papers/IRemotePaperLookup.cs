namespace ResearchBot.Core.Papers;

/// <summary>Fetches single papers from an upstream source (the arXiv API) when a pasted link is not indexed yet.</summary>
public interface IRemotePaperLookup
{
    /// <summary>Returns the record, or null when the source says the paper does not exist.</summary>
    /// <exception cref="PaperSourceUnavailableException">The source could not be reached or answered with an error.</exception>
    Task<PaperRecord?> LookupArxivAsync(ArxivId id, CancellationToken cancellationToken);
}

/// <summary>An upstream source failed (network, HTTP error, malformed reply); the message is safe to show.</summary>
public sealed class PaperSourceUnavailableException : Exception
{
    public PaperSourceUnavailableException()
    {
    }

    public PaperSourceUnavailableException(string message)
        : base(message)
    {
    }

    public PaperSourceUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
