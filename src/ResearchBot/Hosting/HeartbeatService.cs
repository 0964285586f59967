using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ResearchBot.Hosting;

/// <summary>Touches a file while the bot runs, for a container healthcheck (the worker has no HTTP port of its own).</summary>
public sealed class HeartbeatService(IOptions<HostingOptions> options, TimeProvider timeProvider) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var file = options.Value.HeartbeatFile;
        if (string.IsNullOrWhiteSpace(file))
        {
            return;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        using var timer = new PeriodicTimer(options.Value.HeartbeatInterval, timeProvider);
        do
        {
            await File.WriteAllTextAsync(file, timeProvider.GetUtcNow().ToString("O"), stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
