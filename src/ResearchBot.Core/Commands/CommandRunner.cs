using Microsoft.Extensions.Logging;
using ResearchBot.Core.Commands.Parsing;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Commands;

/// <summary>
/// The one acknowledge-or-defer policy every adapter uses (Discord gateway and HTTP, Slack Socket Mode and HTTP, the
/// console, and interactive actions). The work always starts off the caller's thread — Microsoft.Data.Sqlite's async
/// methods complete synchronously, so awaiting a command inline would hold the acknowledgement until the command had
/// finished — and the caller gets back, within its budget, either the finished reply or a deferral.
/// </summary>
public sealed class CommandRunner(CommandDispatcher dispatcher, TimeProvider timeProvider, ILogger<CommandRunner> logger)
{
    public CommandCatalog Catalog => dispatcher.Catalog;

    /// <summary>
    /// Starts a command. A <see cref="CommandSpec.Quick"/> command (or an unknown one, which only produces an error
    /// reply) may answer inline when it finishes within <paramref name="inlineBudget"/>; any other command is deferred
    /// at once.
    /// </summary>
    /// <param name="cancellationToken">The adapter's lifetime, not a request's: the work outlives the acknowledgement.</param>
    public Task<CommandRun> StartAsync(CommandInput input, CommandContext context, TimeSpan inlineBudget, CancellationToken cancellationToken)
    {
        var spec = Catalog.Find(InputSanitizer.Clean(input.Command))?.Spec;
        var budget = spec is null || spec.Quick ? inlineBudget : TimeSpan.Zero;
        return StartAsync(ct => dispatcher.DispatchAsync(input, context, ct), budget, context.CorrelationId, cancellationToken);
    }

    /// <summary>
    /// Starts any piece of reply-producing work (a command, a button's action) off the caller's thread and waits at
    /// most <paramref name="inlineBudget"/> for it. An exception from <paramref name="work"/> becomes an error reply
    /// carrying <paramref name="correlationId"/>; it never reaches the adapter.
    /// </summary>
    public async Task<CommandRun> StartAsync(Func<CancellationToken, Task<Reply>> work, TimeSpan inlineBudget, string correlationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var completion = OwnThread(() => GuardAsync(work, correlationId, cancellationToken));
        if (inlineBudget > TimeSpan.Zero && !completion.IsCompleted)
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var timer = Task.Delay(inlineBudget, timeProvider, stop.Token);
            await Task.WhenAny(completion, timer);
            await stop.CancelAsync();
        }

        // Without a budget the answer is always deferred, even when the work happened to finish already: what an
        // adapter does for a command must not depend on a race.
        if (inlineBudget > TimeSpan.Zero && completion.IsCompletedSuccessfully)
        {
            return new CommandRun.Answered(completion.Result, correlationId);
        }

        Log.CommandDeferred(logger, correlationId);
        return new CommandRun.Deferred(completion, correlationId);
    }

    /// <summary>
    /// Starts a command for a caller that waits for every answer (the console, one-shot verbs): any command, quick or
    /// not, is <see cref="CommandRun.Answered"/> when it finishes within <paramref name="patience"/>, so the caller
    /// knows when to say it is still working.
    /// </summary>
    public Task<CommandRun> StartPatientlyAsync(CommandInput input, CommandContext context, TimeSpan patience, CancellationToken cancellationToken) =>
        StartAsync(ct => dispatcher.DispatchAsync(input, context, ct), patience, context.CorrelationId, cancellationToken);

    /// <summary>Starts a command and waits for its reply, however long it takes.</summary>
    public async Task<Reply> RunAsync(CommandInput input, CommandContext context, CancellationToken cancellationToken) =>
        await (await StartPatientlyAsync(input, context, TimeSpan.Zero, cancellationToken)).ReplyAsync();

    /// <summary>
    /// Autocomplete choices within <paramref name="budget"/>, computed off the caller's thread; an empty list when
    /// the budget runs out (the platform has already given up by then). Never throws but for cancellation.
    /// </summary>
    public async Task<IReadOnlyList<string>> CompleteAsync(string command, string parameter, string partial, CommandContext context, TimeSpan budget, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(budget, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var choices = OwnThread(() => dispatcher.CompleteAsync(command, parameter, partial, context, linked.Token));
        var timer = Task.Delay(Timeout.InfiniteTimeSpan, linked.Token);
        if (await Task.WhenAny(choices, timer) == choices && choices.IsCompletedSuccessfully)
        {
            return choices.Result;
        }

        cancellationToken.ThrowIfCancellationRequested();
        Log.CompletionTooSlow(logger, command, parameter, budget.TotalMilliseconds, context.CorrelationId);
        _ = choices.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        return [];
    }

    /// <summary>
    /// Starts work on a thread of its own rather than a pool thread: a command that blocks (all of a SQLite query runs
    /// synchronously) then never holds a pool thread that an acknowledgement is waiting for. On a 2-core machine a few
    /// blocked pool threads delayed acks by 0.5–1 s while the pool grew. Continuations after a real await run on the pool.
    /// </summary>
    private static Task<T> OwnThread<T>(Func<Task<T>> work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default).Unwrap();

    private async Task<Reply> GuardAsync(Func<CancellationToken, Task<Reply>> work, string correlationId, CancellationToken cancellationToken)
    {
        try
        {
            return await work(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // The dispatcher turns command failures into replies; this is the last resort for any other work.
            Log.RunFailed(logger, ex, correlationId);
            return Reply.Error($"Sorry, something went wrong. It has been logged (ref {correlationId}).");
        }
    }
}
