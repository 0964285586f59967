namespace ResearchBot.Tests.Architecture;

/// <summary>Checks a graph of projects against a <see cref="DependencyTable"/>; returns one line per violation.</summary>
public static class DependencyChecker
{
    public static IReadOnlyList<string> Check(IReadOnlyCollection<ProjectNode> graph, DependencyTable table)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(table);
        var violations = new List<string>();

        // Every assembly of ours, whether it is a project or only something a project references, must be in the table.
        var ours = graph.Select(n => n.Name).Concat(graph.SelectMany(n => n.References).Where(DependencyTable.IsOurs)).Distinct(StringComparer.Ordinal);
        foreach (var name in ours.Where(n => !table.Projects.ContainsKey(n)).Order(StringComparer.Ordinal))
        {
            violations.Add($"{name} is not in the dependency table: give it a role in {nameof(DependencyTable)}.{nameof(DependencyTable.Repository)}");
        }

        foreach (var node in graph.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            if (!table.Projects.TryGetValue(node.Name, out var role))
            {
                continue;
            }

            var allowed = table.Allowed[role];
            foreach (var reference in node.References.Where(DependencyTable.IsOurs).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                if (table.Projects.TryGetValue(reference, out var target) && !allowed.Contains(target))
                {
                    violations.Add($"{node.Name} ({role}) references {reference} ({target}); a {role} may reference only {Describe(allowed)}");
                }
            }

            // Drivers only in a backend; Dapper also in the storage code the backends share (over DbConnection).
            foreach (var reference in node.References.Where(r => !table.MayUse(role, r)).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                violations.Add($"{node.Name} ({role}) references {reference}; database libraries belong in a storage backend");
            }
        }

        return violations;
    }

    private static string Describe(IReadOnlyCollection<ProjectRole> roles) =>
        roles.Count == 0 ? "nothing of ours" : string.Join(", ", roles);
}
