using System.Globalization;
using Microsoft.Extensions.Options;

namespace ResearchBot.Discord;

/// <summary>Collects every problem with the <c>Discord</c> section, each naming the setting and what is allowed.</summary>
internal sealed class DiscordOptionsValidator : IValidateOptions<DiscordOptions>
{
    public ValidateOptionsResult Validate(string? name, DiscordOptions options)
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Token))
        {
            errors.Add("Discord:Token is required (the bot token from the Developer Portal, Bot page; without the 'Bot ' prefix).");
        }
        else if (options.Token.StartsWith("Bot ", StringComparison.OrdinalIgnoreCase) || options.Token.Any(char.IsWhiteSpace))
        {
            errors.Add("Discord:Token must be the bare token: no 'Bot ' prefix and no spaces.");
        }

        if (!IsSnowflake(options.ApplicationId))
        {
            errors.Add("Discord:ApplicationId is required and must be the numeric application id (a snowflake, digits only).");
        }

        if (!string.IsNullOrWhiteSpace(options.GuildId) && !IsSnowflake(options.GuildId))
        {
            errors.Add("Discord:GuildId must be a numeric guild id (digits only) or empty for global commands.");
        }

        if (!string.Equals(options.Mode, DiscordOptions.GatewayMode, StringComparison.OrdinalIgnoreCase) && !options.IsHttpMode)
        {
            errors.Add($"Discord:Mode must be '{DiscordOptions.GatewayMode}' or '{DiscordOptions.HttpMode}' (got '{options.Mode}').");
        }

        if (options.IsHttpMode && !IsHex(options.PublicKey, 64))
        {
            errors.Add("Discord:PublicKey is required in Http mode: the application's public key, 64 hex characters (General Information page).");
        }
        else if (!string.IsNullOrWhiteSpace(options.PublicKey) && !IsHex(options.PublicKey, 64))
        {
            errors.Add("Discord:PublicKey must be 64 hex characters.");
        }

        CheckUrl(errors, "Discord:ApiBaseUrl", options.ApiBaseUrl, required: true, "http", "https");
        CheckUrl(errors, "Discord:GatewayUrl", options.GatewayUrl, required: false, "ws", "wss");
        if (options.IsHttpMode)
        {
            CheckUrl(errors, "Discord:HttpUrl", options.HttpUrl, required: true, "http", "https");
        }

        Gateway.ShardPlan.TryParse(options.ShardCount, options.Shards, errors);

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(2))
        {
            errors.Add("Discord:RequestTimeout must be between 00:00:01 and 00:02:00.");
        }

        if (options.QuickReplyBudget < TimeSpan.Zero || options.QuickReplyBudget > TimeSpan.FromMilliseconds(2500))
        {
            errors.Add("Discord:QuickReplyBudget must be between 00:00:00 and 00:00:02.5 (Discord wants an answer within 3 s).");
        }

        if (options.MaxRateLimitRetries is < 0 or > 10)
        {
            errors.Add("Discord:MaxRateLimitRetries must be between 0 and 10.");
        }

        if (options.MaxRateLimitWait < TimeSpan.Zero || options.MaxRateLimitWait > TimeSpan.FromMinutes(10))
        {
            errors.Add("Discord:MaxRateLimitWait must be between 00:00:00 and 00:10:00.");
        }

        if (options.SignatureTolerance < TimeSpan.Zero || options.SignatureTolerance > TimeSpan.FromHours(1))
        {
            errors.Add("Discord:SignatureTolerance must be between 00:00:00 (no timestamp check) and 01:00:00.");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    internal static bool IsSnowflake(string? s) =>
        !string.IsNullOrWhiteSpace(s) && s.Length <= 20 && ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out _);

    private static bool IsHex(string? s, int length) =>
        s is not null && s.Length == length && s.All(char.IsAsciiHexDigit);

    private static void CheckUrl(List<string> errors, string setting, string? value, bool required, params string[] schemes)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add($"{setting} is required ({string.Join(" or ", schemes)} URL).");
            }

            return;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || !schemes.Contains(uri.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"{setting} must be an absolute {string.Join(" or ", schemes)} URL (got '{value}').");
        }
    }
}
