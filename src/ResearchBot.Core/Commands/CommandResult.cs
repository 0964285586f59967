using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Commands;

/// <summary>What a command produced: a reply, or an expected failure the user can act on.</summary>
public abstract record CommandResult
{
    private CommandResult()
    {
    }

    public abstract Reply ToReply();

    public static CommandResult Ok(Reply reply) => new Success(reply);

    public static CommandResult Usage(string message) => new UsageError(message);

    public static CommandResult Missing(string message) => new NotFound(message);

    public sealed record Success(Reply Reply) : CommandResult
    {
        public override Reply ToReply() => Reply;
    }

    /// <summary>The input was wrong; the message says how to fix it.</summary>
    public sealed record UsageError(string Message) : CommandResult
    {
        public override Reply ToReply() => Reply.Error(Message);
    }

    /// <summary>The input was fine but nothing matched.</summary>
    public sealed record NotFound(string Message) : CommandResult
    {
        public override Reply ToReply() => Reply.Info(Message);
    }
}
