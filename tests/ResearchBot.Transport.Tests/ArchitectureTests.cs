using System.Reflection;
using ResearchBot.Transport.Reconnect;

namespace ResearchBot.Transport.Tests;

public sealed class ArchitectureTests
{
    private static readonly Assembly Transport = typeof(ReconnectPolicy).Assembly;

    [Fact]
    public void Transport_ReferencesNoneOfOurProjectsNorAPlatform()
    {
        var names = Transport.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.DoesNotContain(names, n => n.StartsWith("ResearchBot", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Contains("Microsoft.Extensions.Http.Resilience", names);
    }

    [Fact]
    public void Transport_HasNoPlatformNames() =>
        Assert.DoesNotContain(Transport.GetTypes(), t => t.Name.Contains("Discord", StringComparison.Ordinal) || t.Name.Contains("Slack", StringComparison.Ordinal));

    [Fact]
    public void PublicAsyncMethods_TakeACancellationTokenLast()
    {
        var offenders = Transport.GetExportedTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType))
            .Where(m => m.GetParameters() is var p && (p.Length == 0 || p[^1].ParameterType != typeof(CancellationToken)))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.Empty(offenders);
    }
}
