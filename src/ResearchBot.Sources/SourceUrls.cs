namespace ResearchBot.Sources;

/// <summary>Checks shared by the source options validators.</summary>
internal static class SourceUrls
{
    public static bool IsHttp(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps);

    public static bool IsCron(string? value)
    {
        try
        {
            _ = Cronos.CronExpression.Parse(value ?? "", Cronos.CronFormat.Standard);
            return true;
        }
        catch (Cronos.CronFormatException)
        {
            return false;
        }
    }

    /// <summary>Appends query parameters (already escaped values) to a base URL that may carry its own query.</summary>
    public static Uri With(string baseUrl, params (string Key, string? Value)[] query)
    {
        var parts = query.Where(q => q.Value is not null).Select(q => $"{q.Key}={Uri.EscapeDataString(q.Value!)}");
        var joined = string.Join('&', parts);
        var separator = baseUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return new Uri(joined.Length == 0 ? baseUrl : baseUrl + separator + joined);
    }
}
