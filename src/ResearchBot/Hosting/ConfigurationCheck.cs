using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using ResearchBot.Core.Configuration;

namespace ResearchBot.Hosting;

/// <summary>
/// Checks the whole configuration before any verb does work (no migration, no import, no connection): every registered
/// section (<see cref="SettingsRegistration.AddValidatedOptions{T}"/>) plus the logging levels, collecting every problem
/// as one line that names the full key and what it accepts (BaGetter's habit). README: invalid configuration exits 3.
/// </summary>
public static class ConfigurationCheck
{
    /// <summary>The exit code for invalid configuration (README).</summary>
    public const int ExitCode = 3;

    private static readonly string LogLevels = string.Join(", ", Enum.GetNames<LogLevel>());

    /// <summary>Every problem, one line each, in a stable order; empty when the configuration is valid.</summary>
    public static IReadOnlyList<string> FindProblems(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        var sections = services.GetServices<SettingsSection>().OrderBy(s => s.Path, StringComparer.OrdinalIgnoreCase).ToList();
        var known = sections.Select(s => s.Path).ToHashSet(StringComparer.OrdinalIgnoreCase);

        var problems = new List<string>(services.GetService<UnreadableConfigurationFiles>()?.Problems ?? []);
        problems.AddRange(LoggingProblems(configuration.GetSection("Logging")));
        problems.AddRange(UnknownSections(configuration, known));
        foreach (var section in sections)
        {
            problems.AddRange(section.FindProblems(services, configuration, known));
        }

        return problems;
    }

    /// <summary>Writes each problem to <paramref name="error"/> on a line of its own; true when there was any.</summary>
    public static bool Fails(IServiceProvider services, TextWriter error)
    {
        var problems = FindProblems(services);
        foreach (var problem in problems)
        {
            error.WriteLine("researchbot: invalid configuration: " + problem.ReplaceLineEndings(" "));
        }

        return problems.Count > 0;
    }

    /// <summary>Levels under <c>Logging</c> that are not a <see cref="LogLevel"/>, and console logger settings that do not convert.</summary>
    public static IEnumerable<string> LoggingProblems(IConfigurationSection logging)
    {
        // Logging:LogLevel:Default, Logging:Console:LogLevel:Microsoft, … (an unknown level throws when the first logger is made).
        foreach (var (key, value) in logging.AsEnumerable())
        {
            if (value is { Length: > 0 } && ParentKey(key).Equals("LogLevel", StringComparison.OrdinalIgnoreCase)
                && !(Enum.TryParse<LogLevel>(value, ignoreCase: true, out var level) && Enum.IsDefined(level)))
            {
                yield return $"{key} must be one of: {LogLevels} (got '{value}').";
            }
        }

        foreach (var (_, problem) in SettingValues.Unconvertible(typeof(ConsoleLoggerOptions), logging.GetSection("Console")))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> UnknownSections(IConfiguration configuration, HashSet<string> known)
    {
        // "Sources:Arxv:Enabled" would otherwise be ignored without a word: a parent such as Sources holds only sections.
        var parents = known.Where(p => p.Contains(':', StringComparison.Ordinal))
            .Select(p => p[..p.LastIndexOf(':')])
            .Where(p => !known.Contains(p))
            .Distinct(StringComparer.OrdinalIgnoreCase);
        foreach (var parent in parents)
        {
            var children = known.Where(p => p.StartsWith(parent + ":", StringComparison.OrdinalIgnoreCase))
                .Select(p => p[(parent.Length + 1)..].Split(':')[0])
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Order(StringComparer.Ordinal)
                .ToList();
            foreach (var child in configuration.GetSection(parent).GetChildren())
            {
                if (!children.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
                {
                    yield return $"{child.Path} is not a section; {parent} holds: {string.Join(", ", children)}.";
                }
            }
        }
    }

    private static string ParentKey(string key)
    {
        var end = key.LastIndexOf(':');
        var start = end <= 0 ? -1 : key.LastIndexOf(':', end - 1);
        return end <= 0 ? "" : key[(start + 1)..end];
    }
}
