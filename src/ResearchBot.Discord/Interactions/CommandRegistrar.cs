using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Actions;
using ResearchBot.Discord.Rendering;
using ResearchBot.Discord.Rest;

namespace ResearchBot.Discord.Interactions;

/// <summary>
/// Registers the slash commands by bulk overwrite (global, or in <c>Discord:GuildId</c>), generated from the same
/// <see cref="CommandSpec"/>s as <c>/help</c>, together with the message context-menu command
/// <see cref="MessageCommands.SimilarPapersName"/> (a bulk overwrite replaces every type, so both go in one body).
/// </summary>
public sealed partial class CommandRegistrar(CommandCatalog catalog, DiscordApi api, IOptions<DiscordOptions> options, ILogger<CommandRegistrar> logger)
{
    private const long MaxSafeInteger = 9_007_199_254_740_991;

    public async Task RegisterAsync(CancellationToken cancellationToken)
    {
        var body = Build(catalog.Specs, logger);
        var guild = string.IsNullOrWhiteSpace(options.Value.GuildId) ? null : options.Value.GuildId;
        await api.BulkOverwriteCommandsAsync(options.Value.ApplicationId, guild, body, cancellationToken);
        Log.CommandsRegistered(logger, body.Count, guild ?? "global");
    }

    /// <summary>Discord's application command type for a message context-menu command.</summary>
    public const int MessageCommandType = 3;

    /// <summary>
    /// The PUT body: one CHAT_INPUT command per spec, required options first; then, when <c>/similar</c> is among
    /// them, the MESSAGE command "Similar papers" that runs it on a message (no description, no options).
    /// </summary>
    public static JsonArray Build(IEnumerable<CommandSpec> specs, ILogger? logger = null)
    {
        var commands = new JsonArray();
        var all = specs.ToList();
        foreach (var spec in all)
        {
            if (!IsValidName(spec.Name) || spec.Parameters.Any(p => !IsValidName(p.Name)))
            {
                if (logger is not null)
                {
                    Log.CommandSkipped(logger, spec.Name);
                }

                continue;
            }

            var command = new JsonObject
            {
                ["name"] = spec.Name,
                ["type"] = 1,
                ["description"] = Description(spec.Description),
                ["options"] = new JsonArray([.. spec.Parameters.OrderByDescending(p => p.Required).Take(25).Select(Option)]),
                ["contexts"] = new JsonArray(0, 1),
                ["integration_types"] = new JsonArray(0),
            };
            if (spec.RequiresChannelAdmin)
            {
                // A string, as the docs say (DSPEC types it integer; see shared/spec/README.md caveat 2).
                command["default_member_permissions"] = DiscordPermissions.ManageChannels.ToString(CultureInfo.InvariantCulture);
            }

            commands.Add(command);
        }

        if (all.Any(s => s.Name == "similar"))
        {
            commands.Add(new JsonObject
            {
                ["name"] = MessageCommands.SimilarPapersName,
                ["type"] = MessageCommandType,
                ["contexts"] = new JsonArray(0, 1),
                ["integration_types"] = new JsonArray(0),
            });
        }

        return commands;
    }

    private static JsonObject Option(ParameterSpec p)
    {
        var option = new JsonObject
        {
            ["type"] = p.Kind switch { ParameterKind.Integer => 4, ParameterKind.Boolean => 5, _ => 3 },
            ["name"] = p.Name,
            ["description"] = Description(p.Description),
            ["required"] = p.Required,
        };
        if (!p.Choices.IsDefaultOrEmpty && p.Kind != ParameterKind.Boolean)
        {
            option["choices"] = new JsonArray([.. p.Choices.Take(25).Select(c => new JsonObject
            {
                ["name"] = DiscordMarkdown.Clip(c, DiscordLimits.ChoiceText),
                ["value"] = p.Kind == ParameterKind.Integer && long.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : DiscordMarkdown.Clip(c, DiscordLimits.ChoiceText),
            })]);
        }
        else if (p.Autocomplete && p.Kind != ParameterKind.Boolean)
        {
            option["autocomplete"] = true;
        }

        if (p.Kind == ParameterKind.Text)
        {
            if (p.MinLength is { } min)
            {
                option["min_length"] = Math.Clamp(min, 0, 6000);
            }

            if (p.MaxLength is { } max)
            {
                option["max_length"] = Math.Clamp(max, 1, 6000);
            }
        }
        else if (p.Kind == ParameterKind.Integer)
        {
            if (p.MinValue is { } min)
            {
                option["min_value"] = Math.Clamp(min, -MaxSafeInteger, MaxSafeInteger);
            }

            if (p.MaxValue is { } max)
            {
                option["max_value"] = Math.Clamp(max, -MaxSafeInteger, MaxSafeInteger);
            }
        }

        return option;
    }

    private static string Description(string text) =>
        string.IsNullOrWhiteSpace(text) ? "—" : DiscordMarkdown.Clip(text.Trim(), 100);

    /// <summary>Discord's name rule; .NET Regex lacks <c>\p{sc=…}</c>, so Unicode blocks stand in for the scripts.</summary>
    public static bool IsValidName(string name) =>
        NameRule().IsMatch(name) && string.Equals(name, name.ToLowerInvariant(), StringComparison.Ordinal);

    [GeneratedRegex(@"^[-_'\p{L}\p{N}\p{IsDevanagari}\p{IsThai}]{1,32}$")]
    private static partial Regex NameRule();
}
