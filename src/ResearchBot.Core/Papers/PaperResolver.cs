using System.Collections.Immutable;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Text;

namespace ResearchBot.Core.Papers;

/// <summary>Turns what a user pasted into one indexed paper, a short list to choose from, or a clear answer.</summary>
public sealed class PaperResolver(IPaperIndex index, IPaperIngestor ingestor, IEnumerable<IRemotePaperLookup> remotes)
{
    /// <summary>
    /// <c>#123</c>: a paper by the index's own number, which buttons use for papers with neither an arXiv id nor a
    /// DOI (a title would not fit in a button's 100 characters). Numbers are never reused within a database.
    /// </summary>
    public static long? IndexNumber(string text) =>
        text.Length is > 1 and <= 20 && text[0] == '#' && long.TryParse(text.AsSpan(1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq) && seq > 0
            ? seq
            : null;

    public async Task<PaperResolution> ResolveAsync(string input, CancellationToken cancellationToken)
    {
        switch (PaperReference.Parse(input))
        {
            case PaperReference.Unsupported u:
                return new PaperResolution.Invalid(u.Reason);

            case PaperReference.Arxiv a:
                return await index.GetAsync(a.Id.Id, cancellationToken) is { } byArxiv
                    ? new PaperResolution.Found(byArxiv)
                    : await FetchAsync(a.Id, cancellationToken);

            case PaperReference.Doi d:
                return await index.GetAsync("doi:" + d.Value, cancellationToken) is { } byDoi
                    ? new PaperResolution.Found(byDoi)
                    : new PaperResolution.NotFound($"DOI {d.Value} is not in the index.");

            case PaperReference.Text t when IndexNumber(t.Value) is { } seq:
                return await index.GetBySeqAsync([seq], cancellationToken) is [var bySeq, ..]
                    ? new PaperResolution.Found(bySeq)
                    : new PaperResolution.NotFound($"Paper {t.Value} is no longer in the index.");

            case PaperReference.Text t:
                var byId = await index.GetAsync(t.Value, cancellationToken);
                if (byId is not null)
                {
                    return new PaperResolution.Found(byId);
                }

                var hits = await index.FindByTitleAsync(t.Value, 5, cancellationToken);
                if (hits.Count == 0)
                {
                    return new PaperResolution.NotFound($"No paper titled \"{t.Value}\" is in the index.", t.Value);
                }

                var folded = TextFold.Fold(t.Value);
                var exact = hits.Where(h => TextFold.Fold(h.Paper.Title) == folded).ToList();
                if (exact.Count == 1)
                {
                    return new PaperResolution.Found(exact[0].Paper);
                }

                // One clear winner: much better than the runner-up.
                if (hits.Count == 1 || (exact.Count == 0 && hits[0].Score >= 1.5 * hits[1].Score && TextFold.WordCoverage(folded, hits[0].Paper.Title) >= 0.8))
                {
                    return new PaperResolution.Found(hits[0].Paper);
                }

                return new PaperResolution.Ambiguous([.. (exact.Count > 1 ? exact : hits).Select(h => h.Paper)], t.Value);

            default:
                return new PaperResolution.Invalid("I could not read that.");
        }
    }

    private async Task<PaperResolution> FetchAsync(ArxivId id, CancellationToken cancellationToken)
    {
        var remote = remotes.FirstOrDefault();
        if (remote is null)
        {
            return new PaperResolution.NotFound($"arXiv:{id.Id} is not in the index, and no arXiv source is configured to fetch it.");
        }

        try
        {
            var record = await remote.LookupArxivAsync(id, cancellationToken);
            if (record is null)
            {
                return new PaperResolution.NotFound($"arXiv has no paper {id.Id}.");
            }

            await ingestor.IngestAsync([record], cancellationToken);
            return await index.GetAsync(id.Id, cancellationToken) is { } fetched
                ? new PaperResolution.Found(fetched, Fetched: true)
                : new PaperResolution.NotFound($"arXiv:{id.Id} could not be added to the index.");
        }
        catch (PaperSourceUnavailableException ex)
        {
            return new PaperResolution.NotFound($"arXiv:{id.Id} is not in the index and arXiv could not be reached ({ex.Message}). Try again later.");
        }
    }
}

/// <summary>The outcome of <see cref="PaperResolver.ResolveAsync"/>.</summary>
public abstract record PaperResolution
{
    private PaperResolution()
    {
    }

    public sealed record Found(Paper Paper, bool Fetched = false) : PaperResolution;

    public sealed record Ambiguous(ImmutableArray<Paper> Candidates, string Query) : PaperResolution;

    /// <param name="FreeText">Set when the input was plain text, so callers may treat it as a description.</param>
    public sealed record NotFound(string Message, string? FreeText = null) : PaperResolution;

    public sealed record Invalid(string Message) : PaperResolution;
}
