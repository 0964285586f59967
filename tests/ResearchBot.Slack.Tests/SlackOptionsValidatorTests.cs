using Microsoft.Extensions.Options;
using ResearchBot.Slack.Tests.Support;

namespace ResearchBot.Slack.Tests;

public sealed class SlackOptionsValidatorTests
{
    private static string Failure(Dictionary<string, string?> settings)
    {
        using var host = SlackTestHost.Create(null, [TestCommand.Echo()], settings);
        var ex = Assert.Throws<OptionsValidationException>(() => host.Get<IOptions<SlackOptions>>().Value);
        return string.Join('\n', ex.Failures);
    }

    [Fact]
    public void Validate_BotTokenOfWrongType_NamesSettingWithoutEchoingSecret()
    {
        var message = Failure(new() { ["Slack:BotToken"] = "xoxp-fake42" });

        Assert.Contains("Slack:BotToken must start with xoxb-", message, StringComparison.Ordinal);
        Assert.DoesNotContain("xoxp-fake42", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SocketModeWithoutAppToken_NamesAppToken()
    {
        var message = Failure(new() { ["Slack:AppToken"] = "" });

        Assert.Contains("Slack:AppToken is required", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HttpModeWithoutSigningSecret_NamesSigningSecretAndNotAppToken()
    {
        var message = Failure(new() { ["Slack:Mode"] = "Http", ["Slack:SigningSecret"] = "", ["Slack:AppToken"] = "" });

        Assert.Contains("Slack:SigningSecret is required", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Slack:AppToken", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadAdminIdAndApiUrl_AllFailuresListed()
    {
        var message = Failure(new() { ["Slack:SubscriptionAdmins:0"] = "alice", ["Slack:ApiBaseUrl"] = "slack.com" });

        Assert.Contains("Slack:SubscriptionAdmins", message, StringComparison.Ordinal);
        Assert.Contains("Slack:ApiBaseUrl", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TokensFromFiles_Accepted()
    {
        var dir = Directory.CreateTempSubdirectory("slack-secrets");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "bot"), "xoxb-from-file\n");
            File.WriteAllText(Path.Combine(dir.FullName, "app"), "xapp-from-file\n");
            using var host = SlackTestHost.Create(null, [TestCommand.Echo()], new()
            {
                ["Slack:BotToken"] = null,
                ["Slack:AppToken"] = null,
                ["Slack:BotTokenFile"] = Path.Combine(dir.FullName, "bot"),
                ["Slack:AppTokenFile"] = Path.Combine(dir.FullName, "app"),
            });

            var options = host.Get<IOptions<SlackOptions>>().Value;

            Assert.Equal("xoxb-from-file", options.BotToken);
            Assert.Equal("xapp-from-file", options.AppToken);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Validate_MissingSecretFile_NamesFileSetting()
    {
        var message = Failure(new() { ["Slack:BotToken"] = null, ["Slack:BotTokenFile"] = "/nonexistent/bot-token" });

        Assert.Contains("Slack:BotTokenFile points to '/nonexistent/bot-token'", message, StringComparison.Ordinal);
    }
}
