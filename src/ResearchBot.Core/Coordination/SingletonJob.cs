using Microsoft.Extensions.Logging;

namespace ResearchBot.Core.Coordination;

/// <summary>
/// Runs a singleton job's work only while this process holds the job's <see cref="IJobLease"/>: it polls for the
/// lease every <see cref="PollInterval"/> (so a dead holder's job is taken over well within 30 s once its lease ends),
/// runs the work with a token that is cancelled when the lease is <see cref="IJobLease.Lost">lost</see> or the host
/// stops, and when the lease is lost waits one poll interval (a healthy process may take over) and goes back to polling. Work that ends on its own gives the lease up and ends the run.
/// </summary>
public sealed class SingletonJob(IJobLeases leases, TimeProvider timeProvider, ILogger<SingletonJob> logger)
{
    /// <summary>How often a process that does not hold a job's lease asks for it again.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Runs <paramref name="work"/> under the lease of <paramref name="job"/> until it completes (returns) or
    /// <paramref name="cancellationToken"/> fires. A lost lease cancels the work's token; the work is started again
    /// once the lease is held again. Exceptions of the work other than its cancellation propagate.
    /// </summary>
    public async Task RunAsync(string job, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var waiting = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            var lease = await TryAcquireAsync(job, cancellationToken);
            if (lease is null)
            {
                if (!waiting)
                {
                    Log.JobLeaseHeldElsewhere(logger, job, PollInterval.TotalSeconds);
                    waiting = true;
                }

                await Task.Delay(PollInterval, timeProvider, cancellationToken);
                continue;
            }

            waiting = false;
            await using (lease)
            {
                Log.JobLeaseTaken(logger, job);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
                try
                {
                    await work(linked.Token);
                }
                catch (OperationCanceledException) when (lease.Lost.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                {
                    // Handled below: the work stopped because the lease was lost.
                }

                if (!lease.Lost.IsCancellationRequested || cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                // Work that returns quietly when its token fires counts as stopped by the loss too.
                Log.JobLeaseLost(logger, job);
            }

            // Whatever cut this process off may last: let a healthy process take the job first.
            await Task.Delay(PollInterval, timeProvider, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
    }

    /// <summary>
    /// Runs <paramref name="work"/> once if the lease of <paramref name="job"/> is free now; false (without running)
    /// when another process holds it. The work's token is cancelled if the lease is lost.
    /// </summary>
    public async Task<bool> TryRunOnceAsync(string job, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        var lease = await TryAcquireAsync(job, cancellationToken);
        if (lease is null)
        {
            Log.JobSkipped(logger, job);
            return false;
        }

        await using (lease)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lease.Lost);
            await work(linked.Token);
            return true;
        }
    }

    /// <summary>Waits (polling) until the lease of <paramref name="job"/> is held, and returns it.</summary>
    public async Task<IJobLease> AcquireAsync(string job, CancellationToken cancellationToken)
    {
        var waiting = false;
        while (true)
        {
            if (await TryAcquireAsync(job, cancellationToken) is { } lease)
            {
                return lease;
            }

            if (!waiting)
            {
                Log.JobLeaseHeldElsewhere(logger, job, PollInterval.TotalSeconds);
                waiting = true;
            }

            await Task.Delay(PollInterval, timeProvider, cancellationToken);
        }
    }

    private async Task<IJobLease?> TryAcquireAsync(string job, CancellationToken cancellationToken)
    {
        try
        {
            return await leases.TryAcquireAsync(job, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The database is unreachable for a moment: treat it as "not ours", and ask again at the next poll.
            Log.JobLeaseFailed(logger, ex, job);
            return null;
        }
    }
}
