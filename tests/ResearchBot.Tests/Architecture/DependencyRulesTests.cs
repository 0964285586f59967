using System.Collections.Immutable;

namespace ResearchBot.Tests.Architecture;

/// <summary>
/// Every project under <c>src/</c> against <see cref="DependencyTable.Repository"/>, and the checker itself against
/// tables and graphs that break each rule, so that none of these tests can pass vacuously.
/// </summary>
public sealed class DependencyRulesTests
{
    private static readonly Lazy<(ImmutableArray<ProjectNode> Graph, IReadOnlyList<string> NotBuilt)> Real = new(() =>
    {
        var graph = ProjectGraph.Load(out var notBuilt);
        return (graph, notBuilt);
    });

    private static ImmutableArray<ProjectNode> Graph => Real.Value.Graph;

    [Fact]
    public void EverySrcProject_ReferencesOnlyWhatTheTableAllows() =>
        Assert.Empty(DependencyChecker.Check(Graph, DependencyTable.Repository));

    [Fact]
    public void EverySrcProject_IsBuiltIntoTheExecutableAndRead()
    {
        Assert.Empty(Real.Value.NotBuilt);
        Assert.Contains(Graph, n => n.Name == "researchbot");
        Assert.Contains(Graph, n => n.Name == "ResearchBot.Core");
        Assert.True(Graph.Length >= 8, $"only {Graph.Length} projects found under src/");
    }

    [Fact]
    public void Table_NamesOnlyProjectsThatExist()
    {
        var stale = DependencyTable.Repository.Projects.Keys.Except(Graph.Select(n => n.Name), StringComparer.Ordinal);

        Assert.Empty(stale);
    }

    [Fact]
    public void Graph_SeesTheReferencesTheRulesAreAbout()
    {
        // Guards the checker's input: if the graph lost its edges, every rule would pass.
        Assert.Contains("ResearchBot.Core", Node("ResearchBot.Alerts").References);
        Assert.Contains("ResearchBot.Core", Node("ResearchBot.Storage.Sqlite").References);
        Assert.Contains("Dapper", Node("ResearchBot.Storage.Sqlite").References);
        Assert.Contains("Microsoft.Data.Sqlite", Node("ResearchBot.Storage.Sqlite").References);
        Assert.Contains("ResearchBot.Storage.Sqlite", Node("researchbot").References);
        Assert.Contains("ResearchBot.Discord", Node("researchbot").References);
        Assert.Contains("ResearchBot.Transport", Node("ResearchBot.Slack").References);
        Assert.Contains("ResearchBot.Transport", Node("ResearchBot.Sources").References);
    }

    [Fact]
    public void Table_FeaturesAndAdaptersReachNoStorageBackendAndNoOtherAdapter()
    {
        var allowed = DependencyTable.Repository.Allowed;

        Assert.Empty(allowed[ProjectRole.Kernel]);
        foreach (var role in new[] { ProjectRole.Feature, ProjectRole.ChatAdapter, ProjectRole.Transport, ProjectRole.Kernel, ProjectRole.StorageBackend })
        {
            Assert.DoesNotContain(ProjectRole.StorageBackend, allowed[role]);
            Assert.DoesNotContain(ProjectRole.ChatAdapter, allowed[role]);
            Assert.DoesNotContain(ProjectRole.Host, allowed[role]);
        }

        Assert.DoesNotContain(ProjectRole.Feature, allowed[ProjectRole.ChatAdapter]);
        Assert.DoesNotContain(ProjectRole.Feature, allowed[ProjectRole.StorageBackend]);
    }

    [Fact]
    public void Checker_TableForbiddingAnExistingReference_ReportsIt()
    {
        // Alerts really references Core; a table that calls Alerts a kernel forbids that.
        var violations = DependencyChecker.Check(Graph, DependencyTable.Repository.With("ResearchBot.Alerts", ProjectRole.Kernel));

        Assert.Contains("ResearchBot.Alerts (Kernel) references ResearchBot.Core (Kernel); a Kernel may reference only nothing of ours", violations);
    }

    [Fact]
    public void Checker_ProjectMissingFromTheTable_FailsUntilAdded()
    {
        var violations = DependencyChecker.Check(Graph, DependencyTable.Repository.With("ResearchBot.Similarity", null));

        Assert.Contains(violations, v => v.StartsWith("ResearchBot.Similarity is not in the dependency table", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_NewProjectNobodyClassified_Fails()
    {
        var graph = Graph.Add(new ProjectNode("ResearchBot.Matrix", ["ResearchBot.Core", "ResearchBot.Transport", "System.Runtime"]));

        var violations = DependencyChecker.Check(graph, DependencyTable.Repository);

        Assert.Equal(["ResearchBot.Matrix is not in the dependency table: give it a role in DependencyTable.Repository"], violations);
    }

    [Fact]
    public void Checker_UnknownAssemblyOnlyReferenced_Fails()
    {
        var graph = Replace(Graph, "ResearchBot.Discord", "ResearchBot.Unlisted");

        Assert.Contains(DependencyChecker.Check(graph, DependencyTable.Repository), v => v.StartsWith("ResearchBot.Unlisted is not in the dependency table", StringComparison.Ordinal));
    }

    [Fact]
    public void Checker_FeatureReferencingTheStorageBackend_IsReported()
    {
        // How Alerts was wired before the executable chose the backend.
        var graph = Replace(Graph, "ResearchBot.Alerts", "ResearchBot.Storage.Sqlite");

        var violations = DependencyChecker.Check(graph, DependencyTable.Repository);

        Assert.Equal(["ResearchBot.Alerts (Feature) references ResearchBot.Storage.Sqlite (StorageBackend); a Feature may reference only Kernel, Transport"], violations);
    }

    [Fact]
    public void Checker_AdapterReferencingTheOtherAdapter_IsReported()
    {
        var graph = Replace(Graph, "ResearchBot.Slack", "ResearchBot.Discord");

        Assert.Equal(["ResearchBot.Slack (ChatAdapter) references ResearchBot.Discord (ChatAdapter); a ChatAdapter may reference only Kernel, Transport"], DependencyChecker.Check(graph, DependencyTable.Repository));
    }

    [Fact]
    public void Checker_DatabaseLibraryOutsideAStorageBackend_IsReported()
    {
        // The real Storage.Sqlite, classified as a feature: its Dapper and Microsoft.Data.Sqlite references become violations.
        var violations = DependencyChecker.Check(Graph, DependencyTable.Repository.With("ResearchBot.Storage.Sqlite", ProjectRole.Feature));

        Assert.Contains("ResearchBot.Storage.Sqlite (Feature) references Dapper; database libraries belong in a storage backend", violations);
        Assert.Contains("ResearchBot.Storage.Sqlite (Feature) references Microsoft.Data.Sqlite; database libraries belong in a storage backend", violations);
    }

    [Theory]
    [InlineData("Npgsql")]
    [InlineData("Microsoft.Data.Sqlite")]
    [InlineData("SQLitePCLRaw.core")]
    public void Checker_DriverInStorageShared_IsReported(string driver)
    {
        // The shared storage code gets its connection from the backend; a driver there would tie it to one database.
        var graph = Replace(Graph, "ResearchBot.Storage.Shared", driver);

        Assert.Equal([$"ResearchBot.Storage.Shared (StorageShared) references {driver}; database libraries belong in a storage backend"], DependencyChecker.Check(graph, DependencyTable.Repository));
    }

    [Fact]
    public void Checker_DapperInStorageShared_IsAllowed_ButNotInAFeature()
    {
        Assert.Contains("Dapper", Node("ResearchBot.Storage.Shared").References); // the real one uses it: not a vacuous pass
        var graph = Replace(Graph, "ResearchBot.Alerts", "Dapper");

        Assert.Equal(["ResearchBot.Alerts (Feature) references Dapper; database libraries belong in a storage backend"], DependencyChecker.Check(graph, DependencyTable.Repository));
    }

    [Fact]
    public void Table_DriversOnlyInABackend_DapperOnlyInStorage()
    {
        var table = DependencyTable.Repository;
        foreach (var role in Enum.GetValues<ProjectRole>())
        {
            Assert.Equal(role == ProjectRole.StorageBackend, table.MayUse(role, "Npgsql"));
            Assert.Equal(role == ProjectRole.StorageBackend, table.MayUse(role, "Microsoft.Data.Sqlite"));
            Assert.Equal(role == ProjectRole.StorageBackend, table.MayUse(role, "SQLitePCLRaw.batteries_v2"));
            Assert.Equal(role is ProjectRole.StorageBackend or ProjectRole.StorageShared, table.MayUse(role, "Dapper"));
            Assert.True(table.MayUse(role, "System.Runtime"));
        }
    }

    [Fact]
    public void Checker_KernelReferencingAnAdapter_IsReported()
    {
        var graph = Replace(Graph, "ResearchBot.Core", "ResearchBot.Slack");

        Assert.Contains("ResearchBot.Core (Kernel) references ResearchBot.Slack (ChatAdapter); a Kernel may reference only nothing of ours", DependencyChecker.Check(graph, DependencyTable.Repository));
    }

    private static ProjectNode Node(string name) => Assert.Single(Graph, n => n.Name == name);

    /// <summary>The real graph with one more reference added to <paramref name="project"/>.</summary>
    private static ImmutableArray<ProjectNode> Replace(ImmutableArray<ProjectNode> graph, string project, string addedReference)
    {
        var node = Assert.Single(graph, n => n.Name == project);
        return graph.Replace(node, node with { References = node.References.Add(addedReference) });
    }
}
