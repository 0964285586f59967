using System.Globalization;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Cli;

namespace ResearchBot.Alerts;

/// <summary><c>researchbot deliver --once</c>: deliver every alert that is due now, then exit.</summary>
public sealed class DeliverVerb(AlertDeliverer deliverer, IAlertStore store) : ICliVerb
{
    private const int MaxPasses = 10_000;

    public string Name => "deliver";

    public string Summary => "Deliver every pending alert that is due now (console channels print to stdout), then exit";

    public string Usage => "researchbot deliver --once";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (args.Any(a => a is not "--once"))
        {
            await error.WriteLineAsync($"Usage: {Usage}");
            return 2;
        }

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
