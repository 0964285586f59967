using System.Text.Json;

namespace ResearchBot.Discord.Gateway;

/// <summary>Receives dispatch events (op 0) other than READY/RESUMED. Called off the receive loop; must not throw.</summary>
public interface IGatewayDispatchHandler
{
    Task HandleAsync(string eventName, JsonElement data, CancellationToken cancellationToken);
}
