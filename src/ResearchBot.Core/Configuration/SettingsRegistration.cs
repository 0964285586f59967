using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ResearchBot.Core.Configuration;

/// <summary>The one way a configuration section becomes an options class (architecture.md, "Options validation").</summary>
public static class SettingsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="T"/> to <paramref name="section"/> (e.g. <c>Sources:Arxiv</c>), validates it at start-up with
    /// its <c>[Range]</c>/<c>[Required]</c> attributes, <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>
    /// and any other <see cref="IValidateOptions{TOptions}"/>, and lists the section for the executable's configuration
    /// check, which reports every bad key of every section (one line each) before any work starts.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="section">The section's full path.</param>
    /// <param name="configuration">Bind from this configuration; by default, from the <see cref="IConfiguration"/> service.</param>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section, IConfiguration? configuration = null)
        where T : class, new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(section);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<SettingsSection, SettingsSection<T>>(_ => new SettingsSection<T>(section)));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, SectionRules<T>>(_ => new SectionRules<T>(section)));
        var options = services.AddOptions<T>();
        options = configuration is null ? options.BindConfiguration(section) : options.Bind(configuration.GetSection(section));
        return options.ValidateOnStart();
    }

    /// <summary>
    /// Reads a feature switch such as <c>Sources:Arxiv:Enabled</c> while services are being registered, without
    /// throwing on a value that is not a boolean: such a value counts as off here, and the configuration check reports it.
    /// </summary>
    public static bool IsSwitchedOn(this IConfiguration configuration, string key) =>
        bool.TryParse(configuration[key]?.Trim(), out var on) && on;
}
