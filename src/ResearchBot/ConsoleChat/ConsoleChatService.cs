using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Parsing;
using ResearchBot.Core.Messaging;
using ResearchBot.Hosting;

namespace ResearchBot.ConsoleChat;

/// <summary>
/// The local chat: reads commands from standard input and prints the replies. Runs when no chat platform is
/// configured; ends the application at end of input or <c>/quit</c>.
/// </summary>
public sealed class ConsoleChatService(
    CommandRunner runner,
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
            await _output.WriteLineAsync("ResearchBot console chat — no Discord or Slack tokens configured. Try /author Kording, /search spiking networks, /help. /quit leaves.");
        }

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

            if (CommandLine.Parse(line) is not { } input)
            {
                continue;
            }

            var context = new CommandContext(channel, o.User, CanManageChannel: true);
            var reply = await runner.RunAsync(input, context, stoppingToken);
            await writer.WriteAsync(reply, _output, stoppingToken);
            await _output.WriteLineAsync();
        }

        lifetime.StopApplication();
    }
}
