using System.Text.Json.Nodes;

namespace ResearchBot.Discord.Interactions;

/// <summary>Sends the initial interaction response: a REST callback (gateway) or the HTTP 200 body (Http mode).</summary>
public delegate Task InteractionResponder(JsonObject callback, CancellationToken cancellationToken);
