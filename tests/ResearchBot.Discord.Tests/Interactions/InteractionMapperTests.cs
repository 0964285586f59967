using System.Text.Json;
using ResearchBot.Discord.Interactions;
using ResearchBot.Discord.Tests.Fakes;

namespace ResearchBot.Discord.Tests.Interactions;

public sealed class InteractionMapperTests
{
    [Fact]
    public void ToContext_DocsGuildInteraction_MapsGuildChannelUserAndPermissions()
    {
        var interaction = Fixture.Load("discord_docs_slash_command_interaction.json");

        var context = InteractionMapper.ToContext(interaction);

        Assert.Equal("discord", context.Channel.Platform);
        Assert.Equal(interaction.GetProperty("guild_id").GetString(), context.Channel.Workspace);
        Assert.Equal(interaction.GetProperty("channel_id").GetString(), context.Channel.Channel);
        Assert.Equal(interaction.GetProperty("member").GetProperty("user").GetProperty("id").GetString(), context.UserId);
        Assert.True(context.CanManageChannel); // "2147483647" includes MANAGE_CHANNELS
    }

    [Fact]
    public void ToInput_DocsInteraction_MapsOptionsByName()
    {
        var interaction = Fixture.Load("discord_docs_slash_command_interaction.json");

        var input = InteractionMapper.ToInput(interaction.GetProperty("data"));

        Assert.Equal("cardsearch", input.Command);
        Assert.Equal("The Gitrog Monster", input.Values["cardname"]);
    }

    [Fact]
    public void ToAutocomplete_DocsPartialPayload_FindsFocusedOption()
    {
        var interaction = Fixture.Load("discord_docs_autocomplete_interaction_partial.json");

        var (command, option, partial) = InteractionMapper.ToAutocomplete(interaction.GetProperty("data"));

        Assert.Equal("airhorn", command);
        Assert.Equal("variant", option);
        Assert.Equal("data a user is typ", partial);
    }

    [Fact]
    public void ToContext_RealPayloadWithExtraFields_IsTolerated()
    {
        var context = InteractionMapper.ToContext(Fixture.Load("discord_real_APPLICATION_COMMAND_interaction__discorsd.json"));

        Assert.NotEqual("unknown", context.UserId);
        Assert.NotEqual("dm", context.Channel.Workspace);
    }

    [Theory]
    [InlineData(1, true)]
    [InlineData(2, false)]
    public void ToContext_DirectMessages_OnlyTheBotDmCountsAsManaged(int contextType, bool expected)
    {
        var interaction = JsonDocument.Parse("{\"id\":\"1\",\"type\":2,\"channel_id\":\"9\",\"context\":" + contextType + ",\"user\":{\"id\":\"7\"},\"data\":{\"name\":\"x\"}}").RootElement;

        var context = InteractionMapper.ToContext(interaction);

        Assert.Equal("dm", context.Channel.Workspace);
        Assert.Equal("7", context.UserId);
        Assert.Equal(expected, context.CanManageChannel);
    }

    [Theory]
    [InlineData("16", true)]
    [InlineData("8", true)]
    [InlineData("2147483647", true)]
    [InlineData("32", false)]
    [InlineData("0", false)]
    [InlineData("garbage", false)]
    public void Has_ManageChannels_AdministratorImpliesAll(string permissions, bool expected) =>
        Assert.Equal(expected, DiscordPermissions.Has(DiscordPermissions.Parse(permissions), DiscordPermissions.ManageChannels));
}
