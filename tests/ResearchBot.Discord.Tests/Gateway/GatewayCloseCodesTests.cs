using ResearchBot.Discord.Gateway;

namespace ResearchBot.Discord.Tests.Gateway;

public sealed class GatewayCloseCodesTests
{
    [Theory]
    [InlineData(4004, GatewayCloseAction.Fatal)]
    [InlineData(4010, GatewayCloseAction.Fatal)]
    [InlineData(4014, GatewayCloseAction.Fatal)]
    [InlineData(4007, GatewayCloseAction.Identify)]
    [InlineData(4009, GatewayCloseAction.Identify)]
    [InlineData(4000, GatewayCloseAction.Resume)]
    [InlineData(4006, GatewayCloseAction.Resume)]
    [InlineData(null, GatewayCloseAction.Resume)]
    public void Classify_Code_FollowsTheDocs(int? code, GatewayCloseAction expected) =>
        Assert.Equal(expected, GatewayCloseCodes.Classify(code));
}
