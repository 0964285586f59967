using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using ResearchBot.Core.Commands;
using ResearchBot.Slack.SlashCommands;
using ResearchBot.Slack.Tests.Support;

namespace ResearchBot.Slack.Tests.SlashCommands;

public sealed class SlashCommandParserTests
{
    private static SlashCommandPayload Payload(string command, string text) => new(command, text, null, "U1", "T1", "C1");

    [Theory]
    [InlineData("/author", "Konrad Kording", "author", "Konrad Kording")]
    [InlineData("/researchbot", "author Konrad Kording", "author", "Konrad Kording")]
    [InlineData("/ResearchBot", "  Similar   2401.12345 limit:5 ", "similar", "2401.12345 limit:5")]
    [InlineData("/researchbot", "", "help", "")]
    [InlineData("/researchbot", "   ", "help", "")]
    [InlineData("/similar", "https://arxiv.org/abs/1706.03762", "similar", "https://arxiv.org/abs/1706.03762")]
    public void Parse_DirectAndUmbrellaForms_SameCoreInput(string command, string text, string expectedName, string expectedRaw)
    {
        var input = SlashCommandParser.Parse(Payload(command, text), "researchbot");

        Assert.Equal(new CommandInput.Text(expectedName, expectedRaw), input);
    }

    [Fact]
    public void Parse_BidiOverrideInText_Removed()
    {
        var input = SlashCommandParser.Parse(Payload("/author", "Kor\u202Eding"), "researchbot");

        Assert.Equal("Kording", input.Raw);
    }

    [Fact]
    public void FromJson_DocsSocketModeEnvelope_ReadsPayloadFields()
    {
        using var doc = JsonDocument.Parse(Fixture.Read("slack_docs_socketmode_slash_commands_envelope.json"));

        var payload = SlashCommandPayload.FromJson(doc.RootElement.GetProperty("payload"))!;

        Assert.Equal("/randorilke", payload.Command);
        Assert.Equal("T123ABC456", payload.TeamId);
        Assert.Equal("C123ABC456", payload.ChannelId);
        Assert.Equal("U123ABC456", payload.UserId);
        Assert.StartsWith("https://rilke.slack.com/commands/", payload.ResponseUrl, StringComparison.Ordinal);
        Assert.Equal(string.Empty, payload.Text);
    }

    [Fact]
    public void FromFields_DocsFormBody_ReadsEnterpriseAndDecodes()
    {
        var form = QueryHelpers.ParseQuery(Fixture.Read("slack_docs_slash_command_form_body_example.txt").Trim());

        var payload = SlashCommandPayload.FromFields(n => form.TryGetValue(n, out var v) ? v.ToString() : null)!;

        Assert.Equal("/weather", payload.Command);
        Assert.Equal("94070", payload.Text);
        Assert.Equal("E0001", payload.EnterpriseId);
        Assert.Equal("https://hooks.slack.com/commands/1234/5678", payload.ResponseUrl);
    }

    [Fact]
    public void FromFields_SigningVectorBody_PercentDecoded()
    {
        var form = QueryHelpers.ParseQuery(Fixture.SigningVector()["body"]);

        var payload = SlashCommandPayload.FromFields(n => form.TryGetValue(n, out var v) ? v.ToString() : null)!;

        Assert.Equal("/webhook-collect", payload.Command);
        Assert.Equal("G8PSS9T3V", payload.ChannelId);
    }

    [Fact]
    public void FromJson_MissingUser_Null()
    {
        using var doc = JsonDocument.Parse("""{"command":"/author","team_id":"T1","channel_id":"C1"}""");

        Assert.Null(SlashCommandPayload.FromJson(doc.RootElement));
    }
}
