using Microsoft.Extensions.Configuration;

namespace ResearchBot.Core.Configuration;

/// <summary>A configuration section bound to an options class, as registered by <see cref="SettingsRegistration.AddValidatedOptions{T}"/>.</summary>
public abstract class SettingsSection
{
    private protected SettingsSection(string path, Type optionsType)
    {
        Path = path;
        OptionsType = optionsType;
    }

    /// <summary>The full section path, e.g. <c>Sources:Arxiv</c>.</summary>
    public string Path { get; }

    public Type OptionsType { get; }

    /// <summary>
    /// Every problem with this section, one line each naming the full key and what it accepts: values that do not
    /// convert, keys the options class does not have, and failed rules. Never throws for a bad value.
    /// </summary>
    /// <param name="services">The built service provider (for the section's validators and its resolved options).</param>
    /// <param name="configuration">The configuration the section is bound from.</param>
    /// <param name="knownSections">Every registered section path, so that a sub-section is not taken for an unknown key.</param>
    public abstract IReadOnlyList<string> FindProblems(IServiceProvider services, IConfiguration configuration, IReadOnlySet<string> knownSections);
}
