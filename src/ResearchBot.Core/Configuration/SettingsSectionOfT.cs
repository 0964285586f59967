using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ResearchBot.Core.Configuration;

/// <summary>The check for one section bound to <typeparamref name="T"/>.</summary>
internal sealed class SettingsSection<T>(string path) : SettingsSection(path, typeof(T))
    where T : class, new()
{
    public override IReadOnlyList<string> FindProblems(IServiceProvider services, IConfiguration configuration, IReadOnlySet<string> knownSections)
    {
        var section = configuration.GetSection(Path);
        var unconvertible = SettingValues.Unconvertible(typeof(T), section).ToList();
        var problems = unconvertible.Select(u => u.Problem).Concat(SettingValues.UnknownKeys(typeof(T), section, knownSections)).ToList();

        // The rules judge what the user configured (before any code overrides it, such as `ask` raising its timeouts),
        // with the keys that did not convert left at their defaults so that their other problems still show.
        var badKeys = unconvertible.Select(u => u.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var configured = new T();
        try
        {
            BindConvertible(configured, section, badKeys);
        }
        catch (InvalidOperationException ex)
        {
            problems.Add(ex.Message);
            return problems;
        }

        foreach (var validator in services.GetServices<IValidateOptions<T>>())
        {
            var result = validator.Validate(Options.DefaultName, configured);
            if (result.Failed)
            {
                problems.AddRange(result.Failures ?? [result.FailureMessage]);
            }
        }

        if (problems.Count == 0)
        {
            // What the services will actually get, after every Configure/PostConfigure step.
            try
            {
                _ = services.GetRequiredService<IOptions<T>>().Value;
            }
            catch (OptionsValidationException ex)
            {
                problems.AddRange(ex.Failures);
            }
            catch (InvalidOperationException ex)
            {
                problems.Add(ex.Message);
            }
        }

        return problems.Distinct(StringComparer.Ordinal).ToList();
    }

    private static void BindConvertible(T target, IConfigurationSection section, HashSet<string> badKeys)
    {
        foreach (var property in SettingValues.Settable(typeof(T)))
        {
            var child = section.GetSection(property.Name);
            if (badKeys.Contains(child.Path) || badKeys.Any(k => k.StartsWith(child.Path + ":", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            if (child.Value is null && !child.GetChildren().Any())
            {
                continue;
            }

            if (child.Get(property.PropertyType) is { } value)
            {
                property.SetValue(target, value);
            }
        }
    }
}
