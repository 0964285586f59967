using System.Collections.Immutable;
using System.Globalization;
using System.Text;

namespace ResearchBot.Core.Commands.Parsing;

/// <summary>
/// Binds raw text or typed options to a command's parameters and validates them, so each command is written once
/// whatever platform delivered it.
/// </summary>
public static class ArgumentBinder
{
    /// <summary>Binds and validates; returns the arguments, or an error message that names the problem.</summary>
    public static (CommandArguments? Arguments, string? Error) Bind(CommandSpec spec, CommandInput input) => input switch
    {
        CommandInput.Text t => BindText(spec, t.Raw),
        CommandInput.Options o => BindOptions(spec, o.Values),
        _ => (null, "Unsupported input."),
    };

    public static (CommandArguments? Arguments, string? Error) BindText(CommandSpec spec, string raw)
    {
        if (raw.Length > InputSanitizer.MaxInputLength)
        {
            return (null, $"That is too long ({raw.Length:N0} characters); keep it under {InputSanitizer.MaxInputLength:N0}.");
        }

        var text = InputSanitizer.Clean(raw);
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        var rest = new StringBuilder();
        var last = 0;
        foreach (var token in ArgumentTokenizer.Tokenize(text))
        {
            var rawToken = text.Substring(token.Start, token.Length);
            var rawColon = rawToken.IndexOf(':', StringComparison.Ordinal);
            if (rawColon > 0)
            {
                var name = rawToken[..rawColon];
                var param = spec.Parameters.FirstOrDefault(p => !p.Rest && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
                if (param is not null)
                {
                    var value = Unquote(rawToken[(rawColon + 1)..]);
                    if (values.ContainsKey(param.Name))
                    {
                        return (null, $"`{param.Name}` is given twice.");
                    }

                    values[param.Name] = value;
                    rest.Append(text, last, token.Start - last);
                    last = token.Start + token.Length;
                    continue;
                }
            }
        }

        rest.Append(text, last, text.Length - last);
        var restText = string.Join(' ', rest.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (restText.Length > 0)
        {
            if (spec.RestParameter is { } rp)
            {
                values[rp.Name] = restText;
            }
            else
            {
                return (null, $"`/{spec.Name}` takes no free text (got \"{Shorten(restText)}\"). Usage: `{spec.Usage}`");
            }
        }

        return Validate(spec, values);
    }

    public static (CommandArguments? Arguments, string? Error) BindOptions(CommandSpec spec, IReadOnlyDictionary<string, object?> options)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, value) in options)
        {
            var param = spec.Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));
            if (param is null)
            {
                return (null, $"`/{spec.Name}` has no option `{name}`. Usage: `{spec.Usage}`");
            }

            values[param.Name] = value switch
            {
                string s => s.Length > InputSanitizer.MaxInputLength ? s : InputSanitizer.Clean(s),
                _ => value,
            };
        }

        return Validate(spec, values);
    }

    private static (CommandArguments?, string?) Validate(CommandSpec spec, Dictionary<string, object?> raw)
    {
        var bound = ImmutableDictionary.CreateBuilder<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var p in spec.Parameters)
        {
            raw.TryGetValue(p.Name, out var value);
            if (value is string { Length: 0 })
            {
                value = null;
            }

            if (value is null)
            {
                if (p.Required)
                {
                    return (null, $"`/{spec.Name}` needs {Describe(p)}. Usage: `{spec.Usage}`");
                }

                continue;
            }

            var (converted, error) = Convert(spec, p, value);
            if (error is not null)
            {
                return (null, error);
            }

            bound[p.Name] = converted!;
        }

        return (new CommandArguments(bound.ToImmutable()), null);
    }

    private static (object?, string?) Convert(CommandSpec spec, ParameterSpec p, object value)
    {
        switch (p.Kind)
        {
            case ParameterKind.Integer:
                long n;
                if (value is long l)
                {
                    n = l;
                }
                else if (value is int i)
                {
                    n = i;
                }
                else if (value is double d && Math.Abs(d % 1) < double.Epsilon && d is >= long.MinValue and <= long.MaxValue)
                {
                    n = (long)d;
                }
                else if (!long.TryParse(value.ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out n))
                {
                    return (null, $"`{p.Name}` must be a whole number (got \"{Shorten(value.ToString() ?? "")}\").");
                }

                if ((p.MinValue is { } min && n < min) || (p.MaxValue is { } max && n > max))
                {
                    return (null, $"`{p.Name}` must be between {p.MinValue?.ToString(CultureInfo.InvariantCulture) ?? "…"} and {p.MaxValue?.ToString(CultureInfo.InvariantCulture) ?? "…"} (got {n}).");
                }

                return (n, null);

            case ParameterKind.Boolean:
                if (value is bool b)
                {
                    return (b, null);
                }

                return value.ToString()?.Trim().ToLowerInvariant() switch
                {
                    "yes" or "true" or "on" or "1" or "y" => (true, null),
                    "no" or "false" or "off" or "0" or "n" => (false, null),
                    var other => (null, $"`{p.Name}` must be yes or no (got \"{Shorten(other ?? "")}\")."),
                };

            default:
                var s = value.ToString()!.Trim();
                if (s.Length > (p.MaxLength ?? 500))
                {
                    return (null, $"`{p.Name}` is too long ({s.Length:N0} characters; at most {p.MaxLength ?? 500:N0}).");
                }

                if (p.MinLength is { } minLen && s.Length < minLen)
                {
                    return (null, $"`{p.Name}` is too short (at least {minLen} characters).");
                }

                if (!p.Choices.IsDefaultOrEmpty)
                {
                    var match = p.Choices.FirstOrDefault(c => string.Equals(c, s, StringComparison.OrdinalIgnoreCase));
                    if (match is null)
                    {
                        return (null, $"`{p.Name}` must be one of {string.Join(", ", p.Choices)} (got \"{Shorten(s)}\").");
                    }

                    s = match;
                }

                return (s, null);
        }
    }

    private static string Describe(ParameterSpec p) => p.Rest ? $"{p.Name.ToUpperInvariant()} ({char.ToLowerInvariant(p.Description[0])}{p.Description[1..].TrimEnd('.')})" : $"`{p.Name}:`";

    private static string Unquote(string s) =>
        s.Length >= 2 && s[0] is '"' or '“' or '”' && s[^1] is '"' or '“' or '”' ? s[1..^1] : s;

    internal static string Shorten(string s) => s.Length <= 60 ? s : string.Concat(s.AsSpan(0, 57), "…");
}
