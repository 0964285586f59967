using System.Reflection;

namespace ResearchBot.Discord.Tests;

public sealed class ArchitectureTests
{
    private static readonly Assembly Discord = typeof(DiscordOptions).Assembly;

    [Fact]
    public void Core_DoesNotReferenceTheDiscordAdapter() =>
        Assert.DoesNotContain(typeof(Core.Commands.ICommand).Assembly.GetReferencedAssemblies(), a => a.Name == Discord.GetName().Name);

    [Fact]
    public void Discord_ReferencesOnlyCoreAndTransportAmongOurProjects() =>
        Assert.Equal(["ResearchBot.Core", "ResearchBot.Transport"], Discord.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("ResearchBot", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

    [Fact]
    public void PublicAsyncMethods_TakeACancellationTokenLast()
    {
        var offenders = Discord.GetExportedTypes()
            .Where(t => !t.IsSubclassOf(typeof(Delegate)))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => typeof(Task).IsAssignableFrom(m.ReturnType) && m.Name != nameof(IAsyncDisposable.DisposeAsync))
            .Where(m => m.GetParameters() is var p && (p.Length == 0 || p[^1].ParameterType != typeof(CancellationToken)))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();

        Assert.Empty(offenders);
    }
}
