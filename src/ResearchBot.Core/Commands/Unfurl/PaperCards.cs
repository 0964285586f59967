using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;
using ResearchBot.Core.Similarity;

namespace ResearchBot.Core.Commands.Unfurl;

/// <summary>
/// A compact card for a paper link someone shared in a conversation (Slack link unfurling): the link is read the way
/// <c>/similar</c> reads it (an arXiv, DOI, Hugging Face or alphaXiv link; a paper missing from the index is fetched
/// through the arXiv source), never fetched blindly and never taken as a title to search for. Platform-neutral: each
/// adapter renders the <see cref="Reply"/> its own way.
/// </summary>
public sealed class PaperCards(PaperResolver resolver, ISimilarityIndex similarity)
{
    /// <summary>How many similar papers a card lists.</summary>
    public const int SimilarCount = 3;

    /// <summary>
    /// The card for <paramref name="link"/> (a <see cref="ReplyKind.Result"/>), or an error reply saying why there is
    /// none: the link names no paper, or the paper cannot be found or fetched. Never throws but for cancellation and
    /// a failing port.
    /// </summary>
    public async Task<Reply> ForLinkAsync(string link, CancellationToken cancellationToken)
    {
        // Only a link or id that names one paper makes a card: plain text would become a title search.
        switch (PaperReference.Parse(link))
        {
            case PaperReference.Arxiv or PaperReference.Doi:
                break;
            case PaperReference.Unsupported u:
                return Reply.Error(u.Reason);
            default:
                return Reply.Error("That link names no paper.");
        }

        switch (await resolver.ResolveAsync(link, cancellationToken))
        {
            case PaperResolution.Found found:
                var similar = await similarity.FindSimilarAsync(found.Paper, new SimilarityQuery(SimilarCount), cancellationToken);
                return PaperCardReplies.Card(found.Paper, similar);
            case PaperResolution.NotFound missing:
                return Reply.Error(missing.Message);
            case PaperResolution.Invalid invalid:
                return Reply.Error(invalid.Message);
            default:
                return Reply.Error("That link names no single paper.");
        }
    }
}
