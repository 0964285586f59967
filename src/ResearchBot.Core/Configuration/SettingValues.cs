using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace ResearchBot.Core.Configuration;

/// <summary>
/// What the configuration binder would do with each key of a section, found without letting it throw: the values that
/// do not convert to their property's type, and the keys that match no property.
/// </summary>
public static class SettingValues
{
    /// <summary>The properties the binder sets: public, writable, not indexers.</summary>
    public static IEnumerable<PropertyInfo> Settable(Type optionsType) =>
        optionsType.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is { IsPublic: true } && p.GetIndexParameters().Length == 0);

    /// <summary>Each key under <paramref name="section"/> whose value the binder could not convert, with one line saying what is allowed.</summary>
    public static IEnumerable<(string Key, string Problem)> Unconvertible(Type optionsType, IConfigurationSection section)
    {
        foreach (var property in Settable(optionsType))
        {
            var child = section.GetSection(property.Name);
            if (ScalarType(property.PropertyType) is { } scalar)
            {
                if (child.Value is { } value && !Converts(scalar, value))
                {
                    yield return (child.Path, $"{child.Path} must be {Describe(scalar, property)} (got '{value}').");
                }
            }
            else if (ElementType(property.PropertyType) is { } element && ScalarType(element) is { } elementScalar)
            {
                foreach (var item in child.GetChildren())
                {
                    if (item.Value is { } value && !Converts(elementScalar, value))
                    {
                        yield return (item.Path, $"{child.Path} entries must each be {Describe(elementScalar, null)} (got '{value}' at {item.Path}).");
                    }
                }
            }
        }
    }

    /// <summary>Keys directly under <paramref name="section"/> that name no property (typos), except registered sub-sections.</summary>
    public static IEnumerable<string> UnknownKeys(Type optionsType, IConfigurationSection section, IReadOnlySet<string> knownSections)
    {
        var names = Settable(optionsType).Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        foreach (var child in section.GetChildren())
        {
            if (!names.Contains(child.Key, StringComparer.OrdinalIgnoreCase) && !knownSections.Contains(child.Path))
            {
                yield return $"{child.Path} is not a setting; {section.Path} accepts: {string.Join(", ", names)}.";
            }
        }
    }

    /// <summary>How a value of <paramref name="type"/> is written, with the property's <c>[Range]</c> when it has one.</summary>
    public static string Describe(Type type, PropertyInfo? property)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        var range = property?.GetCustomAttribute<RangeAttribute>() is { } r ? $" between {r.Minimum} and {r.Maximum}" : "";
        if (type.IsEnum)
        {
            return "one of: " + string.Join(", ", Enum.GetNames(type));
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "true or false",
            TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
                or TypeCode.Int64 or TypeCode.UInt64 => "a whole number" + range,
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "a number such as 1.5" + range,
            _ when type == typeof(TimeSpan) => $"a duration{range}, written [d.]hh:mm:ss such as 00:00:30",
            _ when type == typeof(Uri) => "a URL",
            _ => $"a {type.Name} value",
        };
    }

    /// <summary>A value as the error line shows it (never for strings, which may be secrets).</summary>
    public static string? Shown(object? value) => value switch
    {
        null or string => null,
        TimeSpan t => t.ToString("c", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable => null,
        _ => value.ToString(),
    };

    private static bool Converts(Type type, string value)
    {
        // The same converter the binder uses (ConfigurationBinder.TryConvertValue); an empty string is "not set" for Nullable<T>.
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            if (value.Length == 0)
            {
                return true;
            }

            type = underlying;
        }

        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or OverflowException or NotSupportedException or InvalidCastException)
        {
            return false;
        }
    }

    private static Type? ScalarType(Type type)
    {
        if (type == typeof(string) || type == typeof(object) || type.IsArray || (type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type)))
        {
            return null;
        }

        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return TypeDescriptor.GetConverter(underlying).CanConvertFrom(typeof(string)) ? type : null;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.IsGenericType && type.GetGenericArguments() is [var element] && typeof(IEnumerable).IsAssignableFrom(type) ? element
        : null;
}
