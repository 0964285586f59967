using System.Reflection;

namespace ResearchBot.Slack.Tests;

public sealed class SlackArchitectureTests
{
    private static readonly Assembly Slack = typeof(SlackOptions).Assembly;

    [Fact]
    public void SlackAssembly_ReferencesOnlyCoreAndTransportAmongOurProjects()
    {
        var ours = Slack.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("ResearchBot", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

        Assert.Equal(["ResearchBot.Core", "ResearchBot.Transport"], ours);
    }

    [Fact]
    public void CoreAssembly_HasNoSlackTypes()
    {
        var core = typeof(Core.Commands.CommandDispatcher).Assembly;

        Assert.DoesNotContain(core.GetReferencedAssemblies(), a => a.Name == Slack.GetName().Name);
        Assert.DoesNotContain(core.GetTypes(), t => t.Name.StartsWith("Slack", StringComparison.Ordinal));
    }

    [Fact]
    public void PublicAsyncMethods_EndWithCancellationToken()
    {
        var offenders = Slack.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) && !m.IsSpecialName)
            .Where(m => m.GetParameters() is var p && (p.Length == 0 || p[^1].ParameterType != typeof(CancellationToken)))
            .Where(m => m.Name is not ("StopAsync" or "StartAsync" or "ExecuteAsync"))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.Empty(offenders);
    }
}
