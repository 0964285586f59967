namespace ResearchBot.Core.Alerts;

/// <summary>The keys shared by subscriptions (what they need) and papers (what they have).</summary>
internal static class PercolatorKey
{
    public static string Word(string stem) => "w:" + stem;

    public static string Surname(string surname) => "a:" + surname;

    public static string Category(string category) => "c:" + category;

    /// <summary>An archive prefix with its dot, e.g. <c>cs.</c>.</summary>
    public static string Archive(string prefix) => "p:" + prefix;
}
