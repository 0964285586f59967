using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchBot.Discord.Rendering;

namespace ResearchBot.Discord.Interactions;

/// <summary>Interaction response bodies: 1 PONG, 4 message, 5 deferred, 6 deferred update, 7 update, 8 autocomplete choices.</summary>
public static class InteractionCallbacks
{
    public const int Pong = 1;
    public const int ChannelMessage = 4;
    public const int DeferredChannelMessage = 5;
    public const int DeferredUpdateMessage = 6;
    public const int UpdateMessage = 7;
    public const int AutocompleteResult = 8;

    public static JsonObject PongResponse() => new() { ["type"] = Pong };

    public static JsonObject Message(DiscordMessage message) => new()
    {
        ["type"] = ChannelMessage,
        ["data"] = JsonSerializer.SerializeToNode(message, DiscordJson.Options),
    };

    /// <summary>Replaces the message whose component was clicked (components only); everyone sees it.</summary>
    public static JsonObject Update(DiscordMessage message) => new()
    {
        ["type"] = UpdateMessage,
        ["data"] = JsonSerializer.SerializeToNode(message, DiscordJson.Options),
    };

    /// <summary>Acknowledges a click without a loading state; the message is edited through <c>@original</c> later.</summary>
    public static JsonObject DeferredUpdate() => new() { ["type"] = DeferredUpdateMessage };

    /// <summary>Only the ephemeral flag is allowed on a deferral.</summary>
    public static JsonObject Deferred(bool ephemeral) => ephemeral
        ? new() { ["type"] = DeferredChannelMessage, ["data"] = new JsonObject { ["flags"] = DiscordMessage.EphemeralFlag } }
        : new() { ["type"] = DeferredChannelMessage };

    public static JsonObject Autocomplete(IEnumerable<string> choices)
    {
        var array = new JsonArray();
        foreach (var choice in choices.Where(c => c.Length is > 0 and <= DiscordLimits.ChoiceText).Distinct(StringComparer.Ordinal).Take(DiscordLimits.AutocompleteChoices))
        {
            array.Add(new JsonObject { ["name"] = choice, ["value"] = choice });
        }

        return new() { ["type"] = AutocompleteResult, ["data"] = new JsonObject { ["choices"] = array } };
    }
}
