using System.Text.Json;
using ResearchBot.Discord.Gateway;
using ResearchBot.Discord.Rest;

namespace ResearchBot.Discord.Interactions;

/// <summary>Gateway interactions are answered over HTTP: the callback route with the interaction's own token.</summary>
public sealed class GatewayInteractionDispatcher(InteractionHandler handler, DiscordApi api) : IGatewayDispatchHandler
{
    public Task HandleAsync(string eventName, JsonElement data, CancellationToken cancellationToken)
    {
        if (eventName != "INTERACTION_CREATE")
        {
            return Task.CompletedTask;
        }

        var id = InteractionMapper.String(data, "id") ?? "";
        var token = InteractionMapper.String(data, "token") ?? "";
        return handler.HandleAsync(data, (callback, ct) => api.CreateInteractionResponseAsync(id, token, callback, ct), cancellationToken);
    }
}
