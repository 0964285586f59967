using System.Collections.Frozen;

namespace ResearchBot.Core.Commands;

/// <summary>All registered commands by name. Platforms register and document commands from here.</summary>
public sealed class CommandCatalog
{
    private readonly FrozenDictionary<string, ICommand> _byName;

    public CommandCatalog(IEnumerable<ICommand> commands)
    {
        var list = commands.ToList();
        Commands = list.OrderBy(c => c.Spec.Name, StringComparer.Ordinal).ToArray();
        _byName = list.ToFrozenDictionary(c => c.Spec.Name, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<ICommand> Commands { get; }

    /// <summary>The commands people type (registered as slash commands, listed by <c>/help</c>); button-only ones are left out.</summary>
    public IEnumerable<CommandSpec> Specs => Commands.Select(c => c.Spec).Where(s => !s.ButtonOnly);

    public ICommand? Find(string name) => _byName.GetValueOrDefault(name.TrimStart('/'));

    /// <summary>The command name closest to a mistyped one, if any is close.</summary>
    public string? Closest(string name)
    {
        name = name.TrimStart('/').ToLowerInvariant();
        return Specs.Select(s => s.Name)
            .Select(n => (n, d: Text.EditDistance.Levenshtein(n, name)))
            .Where(x => x.d <= Math.Max(1, x.n.Length / 3) || x.n.StartsWith(name, StringComparison.Ordinal) && name.Length >= 2)
            .OrderBy(x => x.d)
            .Select(x => x.n)
            .FirstOrDefault();
    }
}
