using Microsoft.Extensions.Options;

namespace ResearchBot.Slack;

/// <summary>Collects every problem with the <c>Slack</c> section, each naming the setting and what it accepts.</summary>
internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = new List<string>();
        // An undefined Slack:Mode (a number) is reported by the section's generic rules (every enum must be defined).
        CheckSecret(failures, "Slack:BotToken", options.BotToken, options.BotTokenFile, "xoxb-", required: true, "the Bot User OAuth Token from OAuth & Permissions");
        if (options.Mode == SlackMode.Socket)
        {
            CheckSecret(failures, "Slack:AppToken", options.AppToken, options.AppTokenFile, "xapp-", required: true, "an app-level token with connections:write (needed when Slack:Mode is Socket)");
        }
        else if (options.Mode == SlackMode.Http)
        {
            CheckSecret(failures, "Slack:SigningSecret", options.SigningSecret, options.SigningSecretFile, prefix: null, required: true, "the Signing Secret from Basic Information (needed when Slack:Mode is Http)");
            if (!Uri.TryCreate(options.HttpUrl, UriKind.Absolute, out var http) || http.Scheme is not ("http" or "https"))
            {
                failures.Add($"Slack:HttpUrl must be an absolute http(s) URL such as http://0.0.0.0:8081 (got '{options.HttpUrl}').");
            }
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || api.Scheme is not ("http" or "https"))
        {
            failures.Add($"Slack:ApiBaseUrl must be an absolute http(s) URL such as https://slack.com/api (got '{options.ApiBaseUrl}').");
        }

        foreach (var admin in options.SubscriptionAdmins ?? [])
        {
            if (string.IsNullOrWhiteSpace(admin) || !admin.All(char.IsAsciiLetterOrDigit) || admin[0] is not ('U' or 'W'))
            {
                failures.Add($"Slack:SubscriptionAdmins entries must be Slack user ids such as U012AB3CD or W012AB3CD (got '{admin}').");
            }
        }

        if (string.IsNullOrWhiteSpace(options.UmbrellaCommand) || options.UmbrellaCommand.Length > 32 || options.UmbrellaCommand.Contains('/', StringComparison.Ordinal))
        {
            failures.Add("Slack:UmbrellaCommand must be a command name without the slash, 1–32 characters (default researchbot).");
        }

        CheckRange(failures, "Slack:RateLimitBudget", options.RateLimitBudget, TimeSpan.Zero, TimeSpan.FromMinutes(10));
        CheckRange(failures, "Slack:RequestTimeout", options.RequestTimeout, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2));
        CheckRange(failures, "Slack:ReconnectInitialDelay", options.ReconnectInitialDelay, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        CheckRange(failures, "Slack:ReconnectMaxDelay", options.ReconnectMaxDelay, options.ReconnectInitialDelay, TimeSpan.FromMinutes(30));
        CheckRange(failures, "Slack:InlineAnswerBudget", options.InlineAnswerBudget, TimeSpan.Zero, TimeSpan.FromMilliseconds(2500));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckSecret(List<string> failures, string key, string? value, string? file, string? prefix, bool required, string what)
    {
        // Read the …File here too, so the rule holds whether or not SlackSecretFiles has already filled the value in
        // (the start-up check validates the section as configured, before post-configuration).
        value = SlackSecretFiles.FromFile(value, file);
        if (string.IsNullOrWhiteSpace(value))
        {
            if (!string.IsNullOrWhiteSpace(file))
            {
                failures.Add($"{key}File points to '{file}', which does not exist or is empty; it must hold {what}.");
            }
            else if (required)
            {
                failures.Add($"{key} is required: {what}{(prefix is null ? "" : $", starting with {prefix}")}. It may also be given as a file path in {key}File.");
            }

            return;
        }

        if (prefix is not null && !value.StartsWith(prefix, StringComparison.Ordinal))
        {
            // Never echo the value: it is a secret.
            failures.Add($"{key} must start with {prefix} ({what}); the configured value does not.");
        }
    }

    private static void CheckRange(List<string> failures, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"{key} must be between {min:c} and {max:c} (got {value:c}).");
        }
    }
}
