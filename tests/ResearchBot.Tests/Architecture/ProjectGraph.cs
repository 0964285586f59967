using System.Collections.Immutable;
using System.Reflection;
using System.Xml.Linq;

namespace ResearchBot.Tests.Architecture;

/// <summary>
/// The real projects under <c>src/</c>: each one's assembly name and its references, taken from both the compiled
/// assembly's metadata (what the code uses) and its csproj (project and package references, which the compiler drops
/// from metadata when no type is used, yet still put the dependency in the build).
/// </summary>
public static class ProjectGraph
{
    public static ImmutableArray<ProjectNode> Load(out IReadOnlyList<string> notBuilt)
    {
        var src = Path.Combine(TestKit.Repository.Root(), "src");
        var missing = new List<string>();
        var nodes = new List<ProjectNode>();
        foreach (var csproj in Directory.EnumerateFiles(src, "*.csproj", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var project = XDocument.Load(csproj);
            var name = AssemblyNameOf(csproj, project);
            var references = new List<string>();
            references.AddRange(Items(project, "ProjectReference").Select(p => AssemblyNameOf(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(csproj)!, p.Replace('\\', '/'))))));
            references.AddRange(Items(project, "PackageReference"));
            if (TryLoad(name) is { } assembly)
            {
                references.AddRange(assembly.GetReferencedAssemblies().Select(a => a.Name!));
            }
            else
            {
                missing.Add(name);
            }

            nodes.Add(new ProjectNode(name, [.. references.Distinct(StringComparer.Ordinal)]));
        }

        notBuilt = missing;
        return [.. nodes];
    }

    private static IEnumerable<string> Items(XDocument project, string item) =>
        project.Descendants(item).Select(e => (string?)e.Attribute("Include")).OfType<string>();

    private static string AssemblyNameOf(string csproj) => AssemblyNameOf(csproj, XDocument.Load(csproj));

    private static string AssemblyNameOf(string csproj, XDocument project) =>
        project.Descendants("AssemblyName").Select(e => e.Value.Trim()).FirstOrDefault(v => v.Length > 0)
        ?? Path.GetFileNameWithoutExtension(csproj);

    /// <summary>The executable references every src project, so each one's assembly sits beside this test.</summary>
    private static Assembly? TryLoad(string name)
    {
        try
        {
            return Assembly.Load(new AssemblyName(name));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }
}
