using System.Collections.Immutable;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Replies;

namespace ResearchBot.Discord.Tests.Fakes;

/// <summary>Answers at once.</summary>
public sealed class PingCommand : ICommand
{
    public CommandSpec Spec { get; } = new("ping", "Answers pong", [new ParameterSpec("word", "Something to echo") { Rest = true, MaxLength = 50 }]) { Quick = true };

    public ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CommandResult.Ok(new Reply { Title = "pong", Body = arguments.GetString("word") ?? "pong" }));
}

/// <summary>Takes <see cref="Duration"/> on the injected clock; optionally claims to be quick.</summary>
public sealed class SlowCommand(TimeProvider time, TimeSpan duration, bool quick = false, string name = "slow") : ICommand
{
    public TimeSpan Duration => duration;

    public CommandSpec Spec { get; } = new(name, "Takes a while", [new ParameterSpec("query", "What to look for") { Rest = true, Required = true }]) { Quick = quick };

    public async ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        await Task.Delay(duration, time, cancellationToken);
        var query = arguments.GetString("query");
        return query == "missing"
            ? CommandResult.Missing("Nothing found for that.")
            : CommandResult.Ok(new Reply { Title = "Results for " + query, Body = "Found it after a while." });
    }
}

/// <summary>Completes author names and changes channel settings (needs the right to manage the channel).</summary>
public sealed class AlertCommand : ICommand, ICommandAutocomplete
{
    public CommandSpec Spec { get; } = new("alerts", "Manage topic alerts",
        [
            new ParameterSpec("limit", "How many") { Kind = ParameterKind.Integer, MinValue = 1, MaxValue = 25 },
            new ParameterSpec("action", "What to do") { Required = true, Choices = ["add", "list", "remove"] },
            new ParameterSpec("author", "An author") { Autocomplete = true, MinLength = 2, MaxLength = 120 },
            new ParameterSpec("quiet", "No notifications") { Kind = ParameterKind.Boolean },
        ])
    {
        RequiresChannelAdmin = true,
        Quick = true,
    };

    public ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CommandResult.Ok(Reply.Info("Alert " + arguments.GetString("action"), ReplyVisibility.Channel)));

    public ValueTask<IReadOnlyList<string>> CompleteAsync(string parameter, string partial, CommandContext context, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<string>>(Enumerable.Range(0, 40).Select(i => $"{partial} Author {i}").Append(new string('x', 101)).ToImmutableArray());
}

/// <summary>
/// Blocks its thread for <see cref="Duration"/> without ever awaiting, as a command on Microsoft.Data.Sqlite does
/// (its async methods complete synchronously).
/// </summary>
public sealed class BlockingCommand(TimeSpan duration, bool quick = false, string name = "blocking") : ICommand
{
    public TimeSpan Duration => duration;

    public CommandSpec Spec { get; } = new(name, "Blocks its thread", [new ParameterSpec("query", "What to look for") { Rest = true }]) { Quick = quick };

    public ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        Thread.Sleep(duration);
        return ValueTask.FromResult(CommandResult.Ok(new Reply { Title = "Blocked for " + duration.TotalSeconds + " s", Body = arguments.GetString("query") }));
    }
}

/// <summary>
/// Pages through numbered results: each page offers "More" (the next page, in place), a select of pages to open as a
/// new message, and a link; page 3 is the last and slow pages block their thread for <see cref="BlockFor"/>.
/// </summary>
public sealed class PagerCommand(TimeSpan blockFor = default) : ICommand
{
    public TimeSpan BlockFor => blockFor;

    public CommandSpec Spec { get; } = new("pager", "Pages through results", [new ParameterSpec("page", "Which page") { Kind = ParameterKind.Integer, MinValue = 1, MaxValue = 9 }]) { Quick = true };

    public ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        if (blockFor > TimeSpan.Zero)
        {
            Thread.Sleep(blockFor);
        }

        var page = arguments.GetInt64("page") ?? 1;
        var actions = ImmutableArray.CreateBuilder<ReplyAction>();
        if (page < 3)
        {
            actions.Add(ReplyAction.Button("More", $"rb1:u:pager page:{page + 1}", "more"));
        }

        actions.Add(ReplyAction.Select("Open a page…", [new ReplyChoice("Page 7", "rb1:n:pager page:7", "far away", 1), new ReplyChoice("Page 8", "rb1:n:pager page:8", null, 2)], "open"));
        actions.Add(ReplyAction.Link("arXiv", "https://arxiv.org/abs/1706.03762"));
        return ValueTask.FromResult(CommandResult.Ok(new Reply
        {
            Title = $"Page {page}",
            Papers = [new PaperItem($"Result {page}.1", null, null), new PaperItem($"Result {page}.2", null, null)],
            Footer = $"in {context.Channel}",
            Actions = actions.ToImmutable(),
        }));
    }
}

/// <summary>Stands in for <c>/similar</c>: echoes the paper it was asked about, so a test sees what a message command read.</summary>
public sealed class EchoSimilarCommand : ICommand
{
    public CommandSpec Spec { get; } = new("similar", "Papers similar to a paper", [new ParameterSpec("paper", "A paper") { Rest = true, Required = true }]) { Quick = true };

    public ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken) =>
        ValueTask.FromResult(CommandResult.Ok(new Reply { Title = "Similar to " + arguments.GetString("paper"), Footer = $"in {context.Channel}" }));
}
