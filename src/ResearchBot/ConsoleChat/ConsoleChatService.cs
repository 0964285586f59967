using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using System.Collections.Immutable;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Actions;
using ResearchBot.Core.Commands.Parsing;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Replies;
using ResearchBot.Hosting;

namespace ResearchBot.ConsoleChat;

/// <summary>
/// The local chat: reads commands from standard input and prints the replies. Runs when no chat platform is
/// configured; ends the application at end of input or <c>/quit</c>.
/// </summary>
public sealed class ConsoleChatService(
    CommandRunner runner,
    ActionHandler actions,
    ConsoleReplyWriter writer,
    IOptions<ConsoleChatOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<ConsoleChatService> logger) : BackgroundService
{
    private readonly TextReader _input = Console.In;
    private readonly TextWriter _output = Console.Out;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        var o = options.Value;
        var channel = new ChannelAddress(ConsoleChatOptions.Platform, ConsoleChatOptions.Workspace, o.Channel);
        HostLog.ConsoleChatStarted(logger, channel.ToString());
        var interactive = !Console.IsInputRedirected;
        if (interactive)
        {
            await _output.WriteLineAsync("ResearchBot console chat — no Discord or Slack tokens configured. Try /author Kording, /search spiking networks, /help; under an answer, \"Next:\" lists follow-ups such as more or similar 3. /quit leaves.");
        }

        var lastActions = ImmutableArray<ReplyAction>.Empty;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (interactive)
            {
                await _output.WriteAsync("> ");
            }

            var line = await _input.ReadLineAsync(stoppingToken);
            if (line is null || line.Trim() is "/quit" or "/exit" or "quit" or "exit")
            {
                break;
            }

            var context = new CommandContext(channel, o.User, CanManageChannel: true);
            Reply reply;
            if (ConsoleFollowUps.Resolve(line, lastActions) is { } payload)
            {
                // A typed follow-up is a click: it runs through the same path as a button on Discord or Slack.
                var click = await actions.StartAsync(payload, context, TimeSpan.Zero, stoppingToken);
                reply = await click.Run.ReplyAsync();
            }
            else if (CommandLine.Parse(line) is { } input)
            {
                reply = await runner.RunAsync(input, context, stoppingToken);
            }
            else
            {
                continue;
            }

            if (reply.Kind != ReplyKind.Error)
            {
                lastActions = reply.Actions;
            }

            await writer.WriteAsync(reply, _output, stoppingToken);
            await _output.WriteLineAsync();
        }

        lifetime.StopApplication();
    }
}
