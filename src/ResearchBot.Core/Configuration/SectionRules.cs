using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace ResearchBot.Core.Configuration;

/// <summary>
/// Validates an options class by its attributes (<c>[Range]</c>, <c>[Required]</c>, …), a defined value for every enum,
/// and <see cref="IValidatableObject"/>, collecting every failure (DataAnnotations alone skips the cross-field rules
/// once a field fails) as one line that starts with, or names, the full key.
/// </summary>
internal sealed class SectionRules<T>(string section) : IValidateOptions<T>
    where T : class
{
    public ValidateOptionsResult Validate(string? name, T options)
    {
        var failures = new List<string>();
        foreach (var property in SettingValues.Settable(typeof(T)))
        {
            CheckProperty(failures, options, property);
        }

        if (options is IValidatableObject validatable)
        {
            foreach (var result in validatable.Validate(new ValidationContext(options)))
            {
                var member = result.MemberNames.FirstOrDefault();
                failures.Add(Line(member is null ? section : $"{section}:{member}", result.ErrorMessage, got: null));
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void CheckProperty(List<string> failures, T options, PropertyInfo property)
    {
        var key = $"{section}:{property.Name}";
        var value = property.GetValue(options);
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateProperty(value, new ValidationContext(options) { MemberName = property.Name, DisplayName = key }, results))
        {
            failures.AddRange(results.Select(r => Line(key, r.ErrorMessage, SettingValues.Shown(value))));
        }

        var enumType = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (enumType.IsEnum && value is not null && !Enum.IsDefined(enumType, value) && property.GetCustomAttribute<EnumDataTypeAttribute>() is null)
        {
            failures.Add($"{key} must be one of: {string.Join(", ", Enum.GetNames(enumType))} (got '{value}').");
        }
    }

    private static string Line(string key, string? message, string? got)
    {
        var line = string.IsNullOrWhiteSpace(message) ? $"{key} is not valid." : message.Trim();
        if (!line.Contains(key, StringComparison.OrdinalIgnoreCase))
        {
            line = $"{key}: {line}";
        }

        return got is null || line.Contains("(got ", StringComparison.Ordinal) ? line : $"{line.TrimEnd('.')} (got {got}).";
    }
}
