using System.Globalization;
using ResearchBot.Core.Alerts;

namespace ResearchBot.Alerts;

/// <summary>Delivers every alert that is due now, pass after pass until none is left: the executable's <c>deliver --once</c>.</summary>
public sealed class OneShotDelivery(AlertDeliverer deliverer, IAlertStore store)
{
    private const int MaxPasses = 10_000;

    /// <summary>Delivers, then writes a two-line summary to <paramref name="output"/>; returns the exit status (0).</summary>
    public async Task<int> RunAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var total = new DeliveryReport();
        for (var pass = 0; pass < MaxPasses; pass++)
        {
            var report = await deliverer.DeliverDueAsync(cancellationToken);
            total.Add(report);
            if (report.Claimed == 0)
            {
                break;
            }
        }

        var counts = await store.CountByStateAsync(cancellationToken);
        long Count(AlertDeliveryState s) => counts.TryGetValue(s, out var n) ? n : 0;
        var c = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(c, $"deliver: {total.Messages} message(s) with {total.AlertsSent} alert(s) posted; {total.Retrying} to retry later; {total.Failed} failed; {total.Uncertain} interrupted and not repeated."));
        await output.WriteLineAsync(string.Create(c, $"outbox: {Count(AlertDeliveryState.Pending) + Count(AlertDeliveryState.Resend)} waiting (digests not yet due, back-off{(total.WaitingForPlatform > 0 ? ", or a platform not configured here" : "")}), {Count(AlertDeliveryState.Sent)} sent in total."));
        return 0;
    }
}
