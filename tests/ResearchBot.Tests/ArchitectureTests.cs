using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Commands;
using ResearchBot.Hosting;

namespace ResearchBot.Tests;

public sealed partial class ArchitectureTests
{
    private static readonly Assembly Core = typeof(ICommand).Assembly;

    [Fact]
    public void Core_ReferencesNoStoragePlatformOrDatabaseAssembly()
    {
        var forbidden = new[] { "Dapper", "Microsoft.Data.Sqlite", "SQLitePCLRaw", "ResearchBot.Storage", "ResearchBot.Discord", "ResearchBot.Slack", "ResearchBot.Sources", "Microsoft.AspNetCore" };
        var refs = Core.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(refs, r => forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal)));
    }

    [Fact]
    public void Adapters_DoNotReferenceEachOther()
    {
        // The executable references both adapters, so both assemblies sit beside this test; a missing one is a failure,
        // not a silent pass.
        var discord = Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "ResearchBot.Discord.dll"));
        var slack = Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "ResearchBot.Slack.dll"));

        Assert.DoesNotContain(discord.GetReferencedAssemblies(), a => a.Name == "ResearchBot.Slack");
        Assert.DoesNotContain(slack.GetReferencedAssemblies(), a => a.Name == "ResearchBot.Discord");
        Assert.Contains(discord.GetReferencedAssemblies(), a => a.Name == "ResearchBot.Core");
        Assert.Contains(slack.GetReferencedAssemblies(), a => a.Name == "ResearchBot.Core");
    }

    [Fact]
    public void Host_BuildsWithValidateOnBuildAndShippedConfigValidates()
    {
        using var host = ResearchBotHost.Build("ask", []);
        Assert.Empty(ConfigurationCheck.FindProblems(host.Services));
        host.Services.GetRequiredService<IStartupValidator>().Validate();
    }

    [Fact]
    public void Host_AuthorChart_ComesFromTheChartsProjectOnly()
    {
        using var host = ResearchBotHost.Build("ask", []);

        var renderer = Assert.Single(host.Services.GetServices<ResearchBot.Core.Authors.IAuthorChartRenderer>());
        Assert.Equal("ResearchBot.Charts", renderer.GetType().Assembly.GetName().Name);
    }

    [Theory]
    [InlineData("ask", 600, 600)]
    [InlineData("run", 8, 60)]
    public void Ask_WaitsForAFirstSimilarityBuild_TheBotAnswersNotReadyAtOnce(string verb, int readySeconds, int commandSeconds)
    {
        using var host = ResearchBotHost.Build(verb, []);

        Assert.Equal(TimeSpan.FromSeconds(readySeconds), host.Services.GetRequiredService<IOptions<ResearchBot.Similarity.SimilarityOptions>>().Value.ReadyTimeout);
        Assert.Equal(TimeSpan.FromSeconds(commandSeconds), host.Services.GetRequiredService<IOptions<CommandOptions>>().Value.Timeout);
    }

    [Fact]
    public void CommandSpecs_FollowPlatformLimits()
    {
        using var host = ResearchBotHost.Build("ask", []);
        var specs = host.Services.GetRequiredService<CommandCatalog>().Specs.ToList();

        Assert.Contains(specs, s => s.Name == "author");
        Assert.Equal(specs.Count, specs.Select(s => s.Name).Distinct(StringComparer.Ordinal).Count());
        foreach (var spec in specs)
        {
            Assert.Matches(NameRule(), spec.Name);
            Assert.InRange(spec.Description.Length, 1, 100);
            Assert.True(spec.Parameters.Count(p => p.Rest) <= 1, spec.Name);
            Assert.True(spec.Parameters.Length <= 25, spec.Name);
            Assert.Equal(spec.Parameters.Length, spec.Parameters.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count());
            foreach (var p in spec.Parameters)
            {
                Assert.Matches(NameRule(), p.Name);
                Assert.InRange(p.Description.Length, 1, 100);
                Assert.False(p.Autocomplete && !p.Choices.IsDefaultOrEmpty, $"{spec.Name}.{p.Name}: autocomplete cannot be combined with choices");
            }
        }
    }

    [Fact]
    public void Host_RegistersEveryCommandClassInCoreExactlyOnce()
    {
        // AddCommands() is the one list; a command class left out of it (or registered twice, by a feature's Add…())
        // shows up here.
        using var host = ResearchBotHost.Build("ask", []);
        // A feature project may add a button-only command of its own (the alert votes), registered once by its Add…().
        var all = host.Services.GetServices<ICommand>().Select(c => c.GetType()).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        var registered = all.Where(t => t.Assembly == Core).ToList();
        var written = Core.GetTypes().Where(t => typeof(ICommand).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false }).ToList();

        Assert.Equal(written.Count, registered.Count);
        Assert.Equal(written.OrderBy(t => t.FullName, StringComparer.Ordinal), registered.OrderBy(t => t.FullName, StringComparer.Ordinal));
        Assert.True(registered.Count >= 9, $"only {registered.Count} commands registered");
    }

    [Fact]
    public void CorePorts_TakeACancellationTokenLast()
    {
        var ports = Core.GetTypes().Where(t => t.IsInterface && t.IsPublic);
        foreach (var method in ports.SelectMany(t => t.GetMethods()))
        {
            var returns = method.ReturnType;
            var isAsync = typeof(Task).IsAssignableFrom(returns) || (returns.IsGenericType && (returns.GetGenericTypeDefinition() == typeof(ValueTask<>) || returns.GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>))) || returns == typeof(ValueTask);
            if (!isAsync)
            {
                continue;
            }

            var last = method.GetParameters().LastOrDefault();
            Assert.True(last?.ParameterType == typeof(CancellationToken), $"{method.DeclaringType!.Name}.{method.Name} must take a CancellationToken last");
            Assert.False(last!.HasDefaultValue, $"{method.DeclaringType!.Name}.{method.Name}: the CancellationToken must be required");
        }
    }

    [GeneratedRegex(@"^[-_a-z0-9]{1,32}$")]
    private static partial Regex NameRule();
}
