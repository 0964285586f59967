using System.Collections.Immutable;
using System.Text.Json;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Messaging;

namespace ResearchBot.Discord.Interactions;

/// <summary>Maps an incoming Interaction object to Core's <see cref="CommandInput"/> and <see cref="CommandContext"/>.</summary>
public static class InteractionMapper
{
    public const string Platform = "discord";
    public const string DirectMessages = "dm";

    /// <summary>
    /// Guild: MANAGE_CHANNELS or ADMINISTRATOR in <c>member.permissions</c> (channel overwrites applied by Discord).
    /// Bot DM (context 1, or no guild and a DM channel): true, since the person is the only one there and alerts
    /// there reach only them. Group DMs (context 2): false, nobody can be established as the channel's manager.
    /// </summary>
    public static CommandContext ToContext(JsonElement interaction)
    {
        var guildId = String(interaction, "guild_id");
        var channelId = String(interaction, "channel_id")
            ?? (interaction.TryGetProperty("channel", out var ch) ? String(ch, "id") : null) ?? "unknown";
        string userId;
        bool canManage;
        if (interaction.TryGetProperty("member", out var member) && member.ValueKind == JsonValueKind.Object)
        {
            userId = member.TryGetProperty("user", out var mu) ? String(mu, "id") ?? "unknown" : "unknown";
            canManage = DiscordPermissions.Has(DiscordPermissions.Parse(String(member, "permissions")), DiscordPermissions.ManageChannels);
        }
        else
        {
            userId = interaction.TryGetProperty("user", out var u) ? String(u, "id") ?? "unknown" : "unknown";
            canManage = guildId is null && IsBotDm(interaction);
        }

        return new CommandContext(new ChannelAddress(Platform, guildId ?? DirectMessages, channelId), userId, canManage);
    }

    /// <summary>
    /// What a clicked component sends back: a button's <c>custom_id</c>, or a select's one chosen value. Null when
    /// the data has neither (it is answered as an out-of-date button).
    /// </summary>
    public static string? ComponentPayload(JsonElement data)
    {
        if (data.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (data.TryGetProperty("values", out var values) && values.ValueKind == JsonValueKind.Array)
        {
            return values.GetArrayLength() == 1 && values[0].ValueKind == JsonValueKind.String ? values[0].GetString() : null;
        }

        return String(data, "custom_id");
    }

    /// <summary>The application command's type in <c>data.type</c>: 1 slash, 2 user, 3 message (absent means 1).</summary>
    public static int CommandType(JsonElement data) =>
        data.ValueKind == JsonValueKind.Object && data.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out var type) ? type : 1;

    /// <summary>
    /// The texts of a message command's target (<c>data.resolved.messages[data.target_id]</c>), in reading order:
    /// the content, then each embed's url, title and description. Empty when the target is missing.
    /// </summary>
    public static IReadOnlyList<string> TargetMessageTexts(JsonElement data)
    {
        var texts = new List<string>();
        if (String(data, "target_id") is not { } target
            || !data.TryGetProperty("resolved", out var resolved) || resolved.ValueKind != JsonValueKind.Object
            || !resolved.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Object
            || !messages.TryGetProperty(target, out var message) || message.ValueKind != JsonValueKind.Object)
        {
            return texts;
        }

        AddText(texts, message, "content");
        if (message.TryGetProperty("embeds", out var embeds) && embeds.ValueKind == JsonValueKind.Array)
        {
            foreach (var embed in embeds.EnumerateArray())
            {
                AddText(texts, embed, "url");
                AddText(texts, embed, "title");
                AddText(texts, embed, "description");
            }
        }

        return texts;
    }

    private static void AddText(List<string> texts, JsonElement e, string name)
    {
        if (String(e, name) is { Length: > 0 } text)
        {
            texts.Add(text);
        }
    }

    public static CommandInput.Options ToInput(JsonElement data)
    {
        var values = ImmutableDictionary.CreateBuilder<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var option in Flatten(data))
        {
            if (option.TryGetProperty("value", out var v))
            {
                values[String(option, "name") ?? ""] = v.ValueKind switch
                {
                    JsonValueKind.String => v.GetString(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    JsonValueKind.Number when v.TryGetInt64(out var l) => l,
                    JsonValueKind.Number => v.GetDouble(),
                    _ => null,
                };
            }
        }

        return new CommandInput.Options(String(data, "name") ?? "", values.ToImmutable());
    }

    /// <summary>The focused option of an autocomplete interaction and its partial value.</summary>
    public static (string Command, string Option, string Partial) ToAutocomplete(JsonElement data)
    {
        var focused = Flatten(data).FirstOrDefault(o => o.TryGetProperty("focused", out var f) && f.ValueKind == JsonValueKind.True);
        if (focused.ValueKind != JsonValueKind.Object)
        {
            return (String(data, "name") ?? "", "", "");
        }

        var partial = focused.TryGetProperty("value", out var v) ? v.ValueKind == JsonValueKind.String ? v.GetString() ?? "" : v.GetRawText() : "";
        return (String(data, "name") ?? "", String(focused, "name") ?? "", partial);
    }

    /// <summary>Options with values; sub-command levels (types 1 and 2) are walked through.</summary>
    private static IEnumerable<JsonElement> Flatten(JsonElement node)
    {
        if (!node.TryGetProperty("options", out var options) || options.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var option in options.EnumerateArray())
        {
            if (option.TryGetProperty("options", out _))
            {
                foreach (var inner in Flatten(option))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return option;
            }
        }
    }

    private static bool IsBotDm(JsonElement interaction)
    {
        if (interaction.TryGetProperty("context", out var ctx) && ctx.ValueKind == JsonValueKind.Number && ctx.TryGetInt32(out var c))
        {
            return c == 1;
        }

        return interaction.TryGetProperty("channel", out var ch) && ch.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.Number && t.TryGetInt32(out var type) && type == 1;
    }

    internal static string? String(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
