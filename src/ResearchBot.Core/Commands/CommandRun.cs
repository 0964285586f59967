using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Commands;

/// <summary>
/// What <see cref="CommandRunner"/> hands an adapter: the reply itself when it was ready within the adapter's inline
/// budget, or the promise of one. Either way the adapter only acknowledges and renders.
/// </summary>
/// <param name="CorrelationId">The id in logs and error replies for this run.</param>
public abstract record CommandRun(string CorrelationId)
{
    /// <summary>The reply, now or when the deferred work finishes: for callers that wait either way.</summary>
    public abstract Task<Reply> ReplyAsync();

    /// <summary>The reply was ready within the budget: send it with the acknowledgement.</summary>
    public sealed record Answered(Reply Reply, string CorrelationId) : CommandRun(CorrelationId)
    {
        public override Task<Reply> ReplyAsync() => Task.FromResult(Reply);
    }

    /// <summary>
    /// The work goes on: acknowledge now (Discord type 5, an empty Slack ack) and deliver <see cref="Completion"/>
    /// when it finishes. <see cref="Completion"/> never faults; it is cancelled only when the caller's token is.
    /// </summary>
    public sealed record Deferred(Task<Reply> Completion, string CorrelationId) : CommandRun(CorrelationId)
    {
        public override Task<Reply> ReplyAsync() => Completion;
    }
}
