namespace ResearchBot.Cli;

/// <summary>Splits the process arguments into a verb (default <c>run</c>) and the verb's own arguments.</summary>
internal static class VerbLine
{
    public const string DefaultVerb = "run";

    public static (string Verb, string[] Arguments) Split(string[] args)
    {
        if (args.Length == 0 || args[0].StartsWith('-'))
        {
            return (DefaultVerb, args);
        }

        return (args[0].ToLowerInvariant(), args[1..]);
    }
}
