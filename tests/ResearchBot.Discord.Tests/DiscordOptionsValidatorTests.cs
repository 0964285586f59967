using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Messaging;

namespace ResearchBot.Discord.Tests;

public sealed class DiscordOptionsValidatorTests
{
    private static ValidateOptionsResult Validate(Action<DiscordOptions> configure)
    {
        var options = new DiscordOptions { Token = "abc.def", ApplicationId = "42" };
        configure(options);
        return new DiscordOptionsValidator().Validate(null, options);
    }

    /// <summary>The command kernel without storage (AddResearchBotCore needs the index and directory).</summary>
    private static void AddKernel(IServiceCollection services)
    {
        services.AddSingleton<ICommand, Fakes.PingCommand>();
        services.AddSingleton<CommandCatalog>();
        services.AddSingleton<CommandDispatcher>();
        services.AddSingleton<CommandRunner>();
        services.AddSingleton<Core.Commands.Actions.ActionHandler>();
        services.AddOptions<CommandOptions>();
    }

    [Fact]
    public void Validate_Defaults_Succeed() => Assert.True(Validate(_ => { }).Succeeded);

    [Theory]
    [InlineData("Token", "Discord:Token")]
    [InlineData("Bot abc", "Discord:Token")]
    [InlineData("ApplicationId", "Discord:ApplicationId")]
    [InlineData("Mode", "Discord:Mode")]
    [InlineData("PublicKey", "Discord:PublicKey")]
    [InlineData("ApiBaseUrl", "Discord:ApiBaseUrl")]
    [InlineData("GatewayUrl", "Discord:GatewayUrl")]
    [InlineData("GuildId", "Discord:GuildId")]
    public void Validate_BadSetting_NamesIt(string what, string setting)
    {
        var result = Validate(o =>
        {
            switch (what)
            {
                case "Token": o.Token = ""; break;
                case "Bot abc": o.Token = "Bot abc"; break;
                case "ApplicationId": o.ApplicationId = "my-app"; break;
                case "Mode": o.Mode = "Webhook"; break;
                case "PublicKey": o.Mode = "Http"; o.PublicKey = "xyz"; break;
                case "ApiBaseUrl": o.ApiBaseUrl = "ftp://x"; break;
                case "GatewayUrl": o.GatewayUrl = "https://gateway.discord.gg"; break;
                case "GuildId": o.GuildId = "guild"; break;
            }
        });

        Assert.False(result.Succeeded);
        Assert.Contains(result.Failures!, f => f.Contains(setting, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AddDiscordAdapter_MissingToken_FailsAtStartNamingTheSetting()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:ApplicationId"] = "42" }).Build();
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton<IConfiguration>(config);
        builder.Services.AddLogging();
        AddKernel(builder.Services);
        builder.Services.AddDiscordAdapter(config);
        using var host = builder.Build();

        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync(TestContext.Current.CancellationToken));

        Assert.Contains("Discord:Token", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDiscordAdapter_Registrations_ResolveWithScopeValidation()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Discord:Token"] = "a.b", ["Discord:ApplicationId"] = "42" }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(config);
        services.AddLogging();
        AddKernel(services);
        services.AddDiscordAdapter(config);
        using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Contains(provider.GetServices<IChatPublisher>(), p => p.Platform == "discord");
        Assert.Contains(provider.GetServices<IHostedService>(), s => s is DiscordBotService);
    }
}
