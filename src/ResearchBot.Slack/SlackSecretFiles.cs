using Microsoft.Extensions.Options;

namespace ResearchBot.Slack;

/// <summary>Fills <c>BotToken</c>/<c>AppToken</c>/<c>SigningSecret</c> from their <c>…File</c> keys when given.</summary>
internal sealed class SlackSecretFiles : IPostConfigureOptions<SlackOptions>
{
    public void PostConfigure(string? name, SlackOptions options)
    {
        options.BotToken = FromFile(options.BotToken, options.BotTokenFile);
        options.AppToken = FromFile(options.AppToken, options.AppTokenFile);
        options.SigningSecret = FromFile(options.SigningSecret, options.SigningSecretFile);
    }

    internal static string? FromFile(string? inline, string? path)
    {
        if (!string.IsNullOrWhiteSpace(inline) || string.IsNullOrWhiteSpace(path) || !File.Exists(path))
        {
            return inline?.Trim();
        }

        return File.ReadAllText(path).Trim();
    }
}
