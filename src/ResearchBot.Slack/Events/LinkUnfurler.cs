using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Unfurl;
using ResearchBot.Core.Replies;
using ResearchBot.Slack.Rendering;
using ResearchBot.Slack.WebApi;

namespace ResearchBot.Slack.Events;

/// <summary>
/// Answers a <c>link_shared</c> event with <c>chat.unfurl</c>: each paper link on our domains becomes a
/// <see cref="PaperCards"/> card (made through the one <see cref="CommandRunner"/>, off the transport's thread),
/// rendered as Block Kit and keyed by the URL exactly as the event spelled it. A link that resolves to no paper is
/// left out; when none resolves there is no call. Slack's refusals (<c>cannot_unfurl_url</c> may mean an admin
/// blocklist) are logged, never retried.
/// </summary>
public sealed class LinkUnfurler(CommandRunner runner, PaperCards cards, SlackWebApiClient api, ILogger<LinkUnfurler> logger)
{
    /// <summary>The app's unfurl domains (manifest <c>features.unfurl_domains</c>); subdomains match too.</summary>
    public static readonly ImmutableArray<string> Domains = ["arxiv.org", "doi.org", "huggingface.co", "alphaxiv.org"];

    /// <summary>At most this many links of one message are looked up (each may cost an arXiv request).</summary>
    public const int MaxLinks = 5;

    public async Task UnfurlAsync(LinkSharedEvent shared, string eventId, CancellationToken cancellationToken)
    {
        try
        {
            var target = Target(shared);
            if (target is null)
            {
                Log.PayloadSkipped(logger, $"link_shared {eventId} with neither channel and message_ts nor unfurl_id and source");
                return;
            }

            var urls = shared.Urls.Distinct(StringComparer.Ordinal).Where(IsOnOurDomains).Take(MaxLinks).ToList();
            var cardsByUrl = await Task.WhenAll(urls.Select(url => CardAsync(url, eventId, cancellationToken)));
            var unfurls = new Dictionary<string, UnfurlPreview>(StringComparer.Ordinal);
            foreach (var (url, reply) in urls.Zip(cardsByUrl))
            {
                if (reply.Kind == ReplyKind.Result)
                {
                    unfurls[url] = new UnfurlPreview(SlackReplyRenderer.Render(reply).Blocks);
                }
                else
                {
                    Log.LinkNotUnfurled(logger, Host(url), reply.Body ?? "no card", eventId);
                }
            }

            if (unfurls.Count == 0)
            {
                return;
            }

            await api.UnfurlAsync(target(unfurls), cancellationToken);
            Log.LinksUnfurled(logger, unfurls.Count, eventId);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        catch (Exception ex) when (ex is SlackApiException or SlackTransportException)
        {
            Log.FollowUpFailed(logger, "chat.unfurl", ex.Message, eventId);
        }
    }

    /// <summary>True for an http(s) URL on one of <see cref="Domains"/> or a subdomain of one.</summary>
    public static bool IsOnOurDomains(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
        && Domains.Any(d => uri.Host.Equals(d, StringComparison.OrdinalIgnoreCase) || uri.Host.EndsWith("." + d, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// A link in the composer can only be targeted by <c>unfurl_id</c> + <c>source</c>; a posted one by its channel
    /// and message ts (or, failing those, its unfurl id).
    /// </summary>
    private static Func<IReadOnlyDictionary<string, UnfurlPreview>, ChatUnfurlRequest>? Target(LinkSharedEvent shared)
    {
        if (!shared.InComposer && shared.Channel is { } channel && shared.MessageTs is { } ts)
        {
            return unfurls => ChatUnfurlRequest.ForMessage(channel, ts, unfurls);
        }

        if (shared.UnfurlId is { } unfurlId && shared.Source is { } source)
        {
            return unfurls => ChatUnfurlRequest.ForLink(unfurlId, source, unfurls);
        }

        return null;
    }

    private async Task<Reply> CardAsync(string url, string eventId, CancellationToken cancellationToken)
    {
        // Deferred at once (no inline budget): the event was acked already; the runner keeps a blocking look-up off
        // the pool and turns any failure into an error reply, which leaves this link out.
        var run = await runner.StartAsync(ct => cards.ForLinkAsync(url, ct), TimeSpan.Zero, eventId, cancellationToken);
        return await run.ReplyAsync();
    }

    /// <summary>Only the host goes to the logs: a shared URL's path and query are the user's business.</summary>
    private static string Host(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Host : "(not a URL)";
}
