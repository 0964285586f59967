using System.Text;
using System.Text.RegularExpressions;

namespace ResearchBot.Core.Alerts.Learning;

/// <summary>
/// A <c>like:</c> subscription's text split into its example references (any form <c>/similar</c> accepts) and the
/// optional filter in the ordinary query language: <c>like:2401.12345 like:https://arxiv.org/abs/2402.00001 cat:cs.LG</c>.
/// </summary>
public sealed partial record LikeQuery(IReadOnlyList<string> Examples, string? Filter)
{
    /// <summary>At most this many example papers per subscription.</summary>
    public const int MaxExamples = 10;

    /// <summary>Whether a stored or typed query is a <c>like:</c> subscription.</summary>
    public static bool IsLike(string? query) => query is not null && LikeToken().IsMatch(query);

    /// <summary>Splits the text; null when it has no <c>like:</c> at all.</summary>
    public static LikeQuery? Parse(string text)
    {
        var examples = new List<string>();
        var rest = LikeToken().Replace(text, m =>
        {
            var value = m.Groups["v"].Value.Trim('"', '<', '>');
            if (value.Length > 0)
            {
                examples.Add(value);
            }

            return " ";
        });
        if (!IsLike(text))
        {
            return null;
        }

        var filter = MultipleSpaces().Replace(rest, " ").Trim();
        return new LikeQuery(examples, filter.Length == 0 ? null : filter);
    }

    /// <summary>The filter parsed (it may only exclude, <c>-survey</c>); null with no filter or an unparsable one.</summary>
    public AlertQuery? FilterQuery => Filter is { } f ? AlertQueryParser.Parse(f, allowExclusionsOnly: true).Query : null;

    /// <summary>The stored form: <c>like:REF …</c> then the filter.</summary>
    public static string Format(IEnumerable<string> references, string? filter)
    {
        var text = new StringBuilder();
        foreach (var reference in references)
        {
            text.Append(text.Length > 0 ? " " : "").Append("like:").Append(reference);
        }

        if (!string.IsNullOrWhiteSpace(filter))
        {
            text.Append(' ').Append(filter.Trim());
        }

        return text.ToString();
    }

    [GeneratedRegex("""(?<![\w:])like:(?<v>"[^"]*"|\S*)""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex LikeToken();

    [GeneratedRegex(@"\s+")]
    private static partial Regex MultipleSpaces();
}
