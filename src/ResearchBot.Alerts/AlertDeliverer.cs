using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Papers;

namespace ResearchBot.Alerts;

/// <summary>
/// Delivers due outbox rows: recovers sends interrupted by a crash, batches instant alerts per channel, builds
/// digests, paces each channel, and records every outcome so that no (channel, paper) pair is posted twice.
/// One pass at a time per process.
/// </summary>
public sealed class AlertDeliverer(
    IAlertStore store,
    IPaperIndex index,
    IEnumerable<IChatPublisher> publishers,
    IOptions<AlertsOptions> options,
    TimeProvider timeProvider,
    AlertMetrics metrics,
    ILogger<AlertDeliverer> logger) : IDisposable
{
    private const int PassLimit = 2000;
    private readonly Dictionary<string, IChatPublisher> _publishers =
        publishers.GroupBy(p => p.Platform, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<ChannelAddress, DateTimeOffset> _nextSlot = [];
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>One pass: recover interrupted sends, then send everything due now.</summary>
    public async Task<DeliveryReport> DeliverDueAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var report = new DeliveryReport();
            await RecoverAsync(report, cancellationToken);
            var due = await store.ListDueAsync(timeProvider.GetUtcNow(), PassLimit, cancellationToken);
            var disabled = new HashSet<ChannelAddress>();
            foreach (var message in Interleave(Plan(due, report)))
            {
                if (!disabled.Contains(message.Channel))
                {
                    await SendAsync(message, report, disabled, cancellationToken);
                }
            }

            return report;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task RecoverAsync(DeliveryReport report, CancellationToken cancellationToken)
    {
        var cutoff = timeProvider.GetUtcNow() - options.Value.InterruptedAfter;
        var interrupted = await store.ListInterruptedAsync(cutoff, cancellationToken);
        foreach (var message in interrupted.GroupBy(r => r.MessageKey!))
        {
            var channel = message.First().Channel;
            if (!_publishers.TryGetValue(channel.Platform, out var publisher))
            {
                continue; // decided when a process that serves this platform runs
            }

            if (publisher is IIdempotentChatPublisher idempotent && WithinWindow(message.First(), idempotent))
            {
                await store.MarkResendAsync(message.Key, timeProvider.GetUtcNow(), "interrupted; re-sending under the same key", cancellationToken);
                Log.AlertResend(logger, message.Key, channel.ToString());
                metrics.Retried(message.Count(), channel.Platform);
            }
            else
            {
                await store.MarkFinalAsync(message.Key, AlertDeliveryState.Uncertain, "interrupted mid-send; not repeated", cancellationToken);
                Log.AlertUncertain(logger, message.Key, channel.ToString(), message.Count());
                report.Uncertain += message.Count();
                metrics.Failed(message.Count(), channel.Platform, AlertMetrics.Uncertain);
            }
        }
    }

    private List<PlannedMessage> Plan(IReadOnlyList<PendingAlert> due, DeliveryReport report)
    {
        var planned = new List<PlannedMessage>();
        foreach (var platform in due.GroupBy(r => r.Channel.Platform, StringComparer.OrdinalIgnoreCase))
        {
            if (!_publishers.ContainsKey(platform.Key))
            {
                report.WaitingForPlatform += platform.Count();
                Log.AlertNoPublisher(logger, platform.Count(), platform.Key);
                continue;
            }

            foreach (var resend in platform.Where(r => r.State == AlertDeliveryState.Resend).GroupBy(r => r.MessageKey!))
            {
                var rows = resend.ToList();
                planned.Add(new PlannedMessage(rows[0].Channel, rows, rows[0].Mode != AlertMode.Instant, resend.Key));
            }


            var fresh = platform.Where(r => r.State == AlertDeliveryState.Pending).ToList();
            foreach (var channel in fresh.Where(r => r.Mode == AlertMode.Instant).GroupBy(r => r.Channel))
            {
                planned.AddRange(channel.OrderBy(r => r.Id).Chunk(options.Value.MaxPapersPerMessage).Select(chunk => new PlannedMessage(channel.Key, chunk, false, null)));
            }

            foreach (var digest in fresh.Where(r => r.Mode != AlertMode.Instant).GroupBy(r => (r.Channel, r.SubscriptionId)))
            {
                planned.Add(new PlannedMessage(digest.Key.Channel, [.. digest], true, null));
            }
        }

        return planned;
    }

    /// <summary>First message of every channel, then every second one, …: one slow channel does not hold up the others.</summary>
    private static IEnumerable<PlannedMessage> Interleave(List<PlannedMessage> planned) =>
        planned.GroupBy(m => m.Channel)
            .SelectMany(g => g.Select((m, i) => (m, i)))
            .OrderBy(x => x.i)
            .Select(x => x.m);

    private async Task SendAsync(PlannedMessage message, DeliveryReport report, HashSet<ChannelAddress> disabled, CancellationToken cancellationToken)
    {
        await WaitForSlotAsync(message.Channel, cancellationToken);
        if (message.ResendKey is { } stale && !(_publishers[message.Channel.Platform] is IIdempotentChatPublisher p && WithinWindow(message.Rows[0], p)))
        {
            // Past the platform's de-duplication window a repeat could show twice: give it up as Uncertain instead.
            await store.MarkFinalAsync(stale, AlertDeliveryState.Uncertain, "may have been delivered; too late to repeat safely", cancellationToken);
            Log.AlertUncertain(logger, stale, message.Channel.ToString(), message.Rows.Count);
            report.Uncertain += message.Rows.Count;
            metrics.Failed(message.Rows.Count, message.Channel.Platform, AlertMetrics.Uncertain);
            return;
        }

        var key = message.ResendKey ?? NewKey();
        var claimed = await store.ClaimAsync([.. message.Rows.Select(r => r.Id)], key, timeProvider.GetUtcNow(), cancellationToken);
        if (claimed.Count == 0)
        {
            return; // another process took them, or they were cancelled meanwhile
        }

        report.Claimed += claimed.Count;
        var papers = (await index.GetBySeqAsync([.. claimed.Select(r => r.PaperSeq)], cancellationToken)).ToDictionary(p => p.Seq);
        var reply = message.IsDigest
            ? AlertMessageRenderer.Digest(claimed, papers, options.Value.DigestTopCount)
            : AlertMessageRenderer.Instant(claimed, papers);
        var publisher = _publishers[message.Channel.Platform];
        var attempts = claimed.Max(r => r.Attempts);
        try
        {
            if (publisher is IIdempotentChatPublisher idempotent)
            {
                await idempotent.PublishAsync(message.Channel, reply, key, cancellationToken);
            }
            else
            {
                await publisher.PublishAsync(message.Channel, reply, cancellationToken);
            }
        }
        catch (ChatDeliveryException ex)
        {
            await OnFailureAsync(message.Channel, publisher, key, claimed.Count, attempts, ex, report, disabled, cancellationToken);
            return;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Not a typed platform answer: the request may have gone out. Treat it as "may have been delivered".
            var wrapped = new ChatDeliveryException(ex.Message, ex.GetType().Name, mayHaveBeenDelivered: true, inner: ex);
            await OnFailureAsync(message.Channel, publisher, key, claimed.Count, attempts, wrapped, report, disabled, cancellationToken);
            return;
        }
        finally
        {
            _nextSlot[message.Channel] = timeProvider.GetUtcNow() + options.Value.ChannelMinInterval;
        }

        // A crash between the publish above and this line leaves the rows in Sending: recovery then resends them
        // under the same key (idempotent platforms) or marks them Uncertain — never a second, different post.
        await store.MarkSentAsync(key, timeProvider.GetUtcNow(), cancellationToken);
        report.Messages++;
        report.AlertsSent += claimed.Count;
        metrics.Delivered(claimed.Count, message.Channel.Platform);
        if (message.ResendKey is not null)
        {
            report.Resent++;
        }

        Log.AlertsSent(logger, claimed.Count, message.Channel.ToString(), key);
    }

    private async Task OnFailureAsync(ChannelAddress channel, IChatPublisher publisher, string key, int count, int attempts, ChatDeliveryException ex, DeliveryReport report, HashSet<ChannelAddress> disabled, CancellationToken cancellationToken)
    {
        var o = options.Value;
        var code = ex.Code ?? "error";
        if (ex.Permanent)
        {
            await store.MarkFinalAsync(key, AlertDeliveryState.Failed, $"{code}: {ex.Message}", cancellationToken);
            var subscriptions = await store.DisableChannelAsync(channel, $"the platform refused: {code}", timeProvider.GetUtcNow(), cancellationToken);
            Log.ChannelDisabled(logger, channel.ToString(), code, subscriptions);
            report.Failed += count;
            metrics.Failed(count, channel.Platform, AlertMetrics.Refused);
            report.DisabledChannels++;
            disabled.Add(channel);
            await TryNoticeAsync(publisher, channel, code, cancellationToken);
            return;
        }

        var backoff = Backoff(attempts);
        if (ex.RetryAfter is { } retryAfter && retryAfter > backoff)
        {
            backoff = retryAfter;
        }

        var next = timeProvider.GetUtcNow() + backoff;
        if (ex.MayHaveBeenDelivered && publisher is not IIdempotentChatPublisher)
        {
            await store.MarkFinalAsync(key, AlertDeliveryState.Uncertain, $"{code}: may have been delivered; not repeated", cancellationToken);
            Log.AlertUncertain(logger, key, channel.ToString(), count);
            report.Uncertain += count;
            metrics.Failed(count, channel.Platform, AlertMetrics.Uncertain);
        }
        else if (attempts >= o.MaxAttempts)
        {
            await store.MarkFinalAsync(key, AlertDeliveryState.Failed, $"{code}: {ex.Message}", cancellationToken);
            Log.AlertGaveUp(logger, channel.ToString(), attempts, code, count);
            report.Failed += count;
            metrics.Failed(count, channel.Platform, AlertMetrics.GaveUp);
        }
        else if (ex.MayHaveBeenDelivered)
        {
            await store.MarkResendAsync(key, next, $"{code}: {ex.Message}", cancellationToken);
            Log.AlertRetry(logger, channel.ToString(), code, attempts, next);
            report.Retrying += count;
            metrics.Retried(count, channel.Platform);
        }
        else
        {
            await store.MarkRetryAsync(key, next, $"{code}: {ex.Message}", cancellationToken);
            Log.AlertRetry(logger, channel.ToString(), code, attempts, next);
            report.Retrying += count;
            metrics.Retried(count, channel.Platform);
        }
    }

    private async Task TryNoticeAsync(IChatPublisher publisher, ChannelAddress channel, string code, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishAsync(channel, AlertMessageRenderer.Disabled(code), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.DisableNoticeFailed(logger, ex, channel.ToString());
        }
    }

    /// <summary>A repeat under the row's key is safe only while the platform still remembers the first attempt.</summary>
    private bool WithinWindow(PendingAlert row, IIdempotentChatPublisher publisher) =>
        row.ClaimedAt is { } first && timeProvider.GetUtcNow() - first < publisher.IdempotencyWindow;

    private TimeSpan Backoff(int attempts)
    {
        var o = options.Value;
        var factor = Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(o.RetryBaseDelay.Ticks * factor, o.RetryMaxDelay.Ticks));
        return delay;
    }

    private async Task WaitForSlotAsync(ChannelAddress channel, CancellationToken cancellationToken)
    {
        if (_nextSlot.TryGetValue(channel, out var slot))
        {
            var wait = slot - timeProvider.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, timeProvider, cancellationToken);
            }
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>24 characters: fits Discord's 25-character nonce.</summary>
    private static string NewKey() => "a" + Guid.NewGuid().ToString("N")[..23];
}
