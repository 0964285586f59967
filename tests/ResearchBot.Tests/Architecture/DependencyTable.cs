using System.Collections.Frozen;
using System.Collections.Immutable;

namespace ResearchBot.Tests.Architecture;

/// <summary>
/// Every project of ours and its role, which roles each role may reference, which third-party libraries only a
/// storage backend may use (the database drivers), and which only the storage projects may use (a backend, or the code
/// the backends share over <c>DbConnection</c>: Dapper). A project missing from <see cref="Projects"/> fails the
/// architecture test until it is added here, so the table cannot silently fall behind <c>src/</c>.
/// </summary>
public sealed record DependencyTable(
    FrozenDictionary<string, ProjectRole> Projects,
    FrozenDictionary<ProjectRole, ImmutableArray<ProjectRole>> Allowed,
    ImmutableArray<string> BackendOnlyLibraries,
    ImmutableArray<string> StorageOnlyLibraries)
{
    /// <summary>The rules of this repository (architecture.md, "Dependency direction").</summary>
    public static DependencyTable Repository { get; } = new(
        new Dictionary<string, ProjectRole>(StringComparer.Ordinal)
        {
            ["ResearchBot.Core"] = ProjectRole.Kernel,
            ["ResearchBot.Storage.Sqlite"] = ProjectRole.StorageBackend,
            ["ResearchBot.Storage.Postgres"] = ProjectRole.StorageBackend,
            ["ResearchBot.Storage.Shared"] = ProjectRole.StorageShared,
            ["ResearchBot.Alerts"] = ProjectRole.Feature,
            ["ResearchBot.Similarity"] = ProjectRole.Feature,
            ["ResearchBot.Sources"] = ProjectRole.Feature,
            ["ResearchBot.Charts"] = ProjectRole.Feature,
            ["ResearchBot.Similarity.Onnx"] = ProjectRole.FeatureEngine,
            ["ResearchBot.Discord"] = ProjectRole.ChatAdapter,
            ["ResearchBot.Slack"] = ProjectRole.ChatAdapter,
            ["ResearchBot.Transport"] = ProjectRole.Transport,
            ["researchbot"] = ProjectRole.Host,
        }.ToFrozenDictionary(StringComparer.Ordinal),
        new Dictionary<ProjectRole, ImmutableArray<ProjectRole>>
        {
            [ProjectRole.Kernel] = [],
            [ProjectRole.StorageBackend] = [ProjectRole.Kernel, ProjectRole.StorageShared],
            [ProjectRole.StorageShared] = [ProjectRole.Kernel],
            // Sources makes outbound HTTP: its clients are registered and retried by the transport ring, like the adapters'.
            [ProjectRole.Feature] = [ProjectRole.Kernel, ProjectRole.Transport],
            [ProjectRole.FeatureEngine] = [ProjectRole.Kernel, ProjectRole.Feature],
            [ProjectRole.Transport] = [ProjectRole.Kernel],
            [ProjectRole.ChatAdapter] = [ProjectRole.Kernel, ProjectRole.Transport],
            [ProjectRole.Host] = [ProjectRole.Kernel, ProjectRole.StorageBackend, ProjectRole.Feature, ProjectRole.FeatureEngine, ProjectRole.Transport, ProjectRole.ChatAdapter],
        }.ToFrozenDictionary(),
        ["Microsoft.Data.Sqlite", "SQLitePCLRaw", "Npgsql"],
        ["Dapper"]);

    /// <summary>Whether a project of <paramref name="role"/> may reference <paramref name="library"/> (compared by name prefix).</summary>
    public bool MayUse(ProjectRole role, string library) =>
        role == ProjectRole.StorageBackend
        || (role == ProjectRole.StorageShared && !BackendOnlyLibraries.Any(l => library.StartsWith(l, StringComparison.Ordinal)))
        || !BackendOnlyLibraries.Concat(StorageOnlyLibraries).Any(l => library.StartsWith(l, StringComparison.Ordinal));

    /// <summary>Whether <paramref name="name"/> is one of our assemblies (the executable is <c>researchbot</c>).</summary>
    public static bool IsOurs(string name) => name.StartsWith("ResearchBot", StringComparison.OrdinalIgnoreCase);

    /// <summary>A copy with <paramref name="project"/> given another role, or left out when <paramref name="role"/> is null.</summary>
    public DependencyTable With(string project, ProjectRole? role)
    {
        var projects = Projects.ToDictionary(StringComparer.Ordinal);
        if (role is { } r)
        {
            projects[project] = r;
        }
        else
        {
            projects.Remove(project);
        }

        return this with { Projects = projects.ToFrozenDictionary(StringComparer.Ordinal) };
    }
}
