using ResearchBot.Core.Authors;

namespace ResearchBot.Core.Commands.Author;

/// <summary><c>/author NAME</c>: who this researcher is, or which of several namesakes you mean.</summary>
public sealed class AuthorCommand(
    IAuthorDirectory directory,
    IEnumerable<IAuthorProfileEnricher> enrichers,
    IEnumerable<IAuthorChartRenderer> charts,
    TimeProvider timeProvider) : ICommand, ICommandAutocomplete
{
    public CommandSpec Spec { get; } = new("author", "Summarise a researcher: papers, citations, h-index, topics, co-authors",
        [new ParameterSpec("name", "The researcher's name in any spelling: Körding, K. Kording, Kording") { Rest = true, Required = true, MinLength = 2, MaxLength = 120, Autocomplete = true, Example = "Konrad Kording" }])
    {
        Examples = ["/author Kording", "/author Konrad P. Kording"],
        Details = "Names are matched without regard to case, accents, punctuation or middle initials. When several people share a name you get a list to choose from; ask again with the full name.",
    };

    public async ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        var name = arguments.GetString("name")!;
        if (AuthorName.Parse(name) is null)
        {
            return CommandResult.Usage("Give a name with letters in it, e.g. `/author Kording`.");
        }

        var candidates = await directory.FindAsync(name, 10, cancellationToken);
        if (candidates.Count == 0)
        {
            var close = await directory.SpellingNeighboursAsync(name, 5, cancellationToken);
            return CommandResult.Missing(AuthorReplies.NotFoundMessage(name, close));
        }

        if (candidates.Count > 1)
        {
            return CommandResult.Ok(AuthorReplies.Choose(name, candidates));
        }

        var profile = await directory.GetProfileAsync(candidates[0].Id, cancellationToken);
        if (profile is null)
        {
            return CommandResult.Missing($"No author named \"{name}\" is in the index.");
        }

        foreach (var enricher in enrichers)
        {
            profile = await enricher.EnrichAsync(profile, cancellationToken);
        }

        var chart = charts.Select(c => c.Render(profile)).FirstOrDefault(a => a is not null);
        return CommandResult.Ok(AuthorReplies.Summary(profile, timeProvider.GetUtcNow(), chart));
    }

    public async ValueTask<IReadOnlyList<string>> CompleteAsync(string parameter, string partial, CommandContext context, CancellationToken cancellationToken)
    {
        if (partial.Trim().Length < 2)
        {
            return [];
        }

        var found = await directory.SuggestAsync(partial, 25, cancellationToken);
        return [.. found.Select(c => c.DisplayName).Distinct(StringComparer.OrdinalIgnoreCase).Take(25)];
    }
}
