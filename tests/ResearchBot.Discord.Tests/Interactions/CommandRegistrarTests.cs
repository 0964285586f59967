using System.Text.Json.Nodes;
using ResearchBot.Discord.Interactions;
using ResearchBot.Discord.Tests.Fakes;

namespace ResearchBot.Discord.Tests.Interactions;

public sealed class CommandRegistrarTests
{
    [Fact]
    public void Build_AlertSpec_MapsKindsChoicesAutocompleteLimitsAndPermissions()
    {
        var body = CommandRegistrar.Build([new AlertCommand().Spec]);

        var command = Assert.Single(body)!.AsObject();
        Assert.Equal("alerts", (string?)command["name"]);
        Assert.Equal(1, (int)command["type"]!);
        Assert.Equal("16", (string?)command["default_member_permissions"]);
        var options = command["options"]!.AsArray().Select(o => o!.AsObject()).ToArray();
        Assert.Equal("action", (string?)options[0]["name"]); // required first
        Assert.True((bool)options[0]["required"]!);
        Assert.Equal(3, options[0]["choices"]!.AsArray().Count);
        Assert.Null(options[0]["autocomplete"]);
        var limit = options.Single(o => (string?)o["name"] == "limit");
        Assert.Equal(4, (int)limit["type"]!);
        Assert.Equal(1, (long)limit["min_value"]!);
        Assert.Equal(25, (long)limit["max_value"]!);
        var author = options.Single(o => (string?)o["name"] == "author");
        Assert.True((bool)author["autocomplete"]!);
        Assert.Equal(2, (int)author["min_length"]!);
        Assert.Equal(120, (int)author["max_length"]!);
        Assert.Equal(5, (int)options.Single(o => (string?)o["name"] == "quiet")["type"]!);
    }

    [Fact]
    public void Build_OrdinaryCommand_LeavesPermissionsToEveryone() =>
        Assert.Null(CommandRegistrar.Build([new PingCommand().Spec])[0]!["default_member_permissions"]);

    [Theory]
    [InlineData("search", true)]
    [InlineData("similar-papers", true)]
    [InlineData("Search", false)]
    [InlineData("two words", false)]
    [InlineData("", false)]
    [InlineData("नमस्ते", true)]
    public void IsValidName_FollowsDiscordsRule(string name, bool expected) =>
        Assert.Equal(expected, CommandRegistrar.IsValidName(name));

    [Fact]
    public async Task Register_GuildConfigured_PutsToTheGuildRoute()
    {
        await using var rig = await TestRig.StartAsync(o => o.GuildId = "777");
        var registrar = new CommandRegistrar(rig.Dispatcher.Catalog, rig.Api, Microsoft.Extensions.Options.Options.Create(rig.Options), Microsoft.Extensions.Logging.Abstractions.NullLogger<CommandRegistrar>.Instance);

        await registrar.RegisterAsync(CancellationToken.None);

        var request = Assert.Single(rig.Server.Requests);
        Assert.Equal("PUT", request.Method);
        Assert.Equal("/api/v10/applications/42/guilds/777/commands", request.Path);
        Assert.Equal("Bot " + TestRig.Token, request.Authorization);
        Assert.Equal("ping", JsonNode.Parse(request.Body)![0]!["name"]!.GetValue<string>());
    }
}
