using System.Globalization;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Commands.Actions;
using ResearchBot.Core.Replies;

namespace ResearchBot.Core.Commands.Author;

/// <summary>
/// <c>/author NAME [show:summary|papers|coauthors] [page:N]</c>: who this researcher is, or which of several
/// namesakes you mean. <c>NAME</c> may be a directory id (<c>#123</c>), which is how buttons and menus name a person
/// exactly: ids stay fixed as the index grows, so a menu keeps working after a restart.
/// </summary>
public sealed class AuthorCommand(
    IAuthorDirectory directory,
    IEnumerable<IAuthorProfileEnricher> enrichers,
    IEnumerable<IAuthorChartRenderer> charts,
    TimeProvider timeProvider) : ICommand, ICommandAutocomplete
{
    /// <summary>What <c>show:</c> asks for.</summary>
    public const string ShowSummary = "summary";

    public const string ShowPapers = "papers";

    public const string ShowCoauthors = "coauthors";

    /// <summary>Papers on one page of <c>show:papers</c>.</summary>
    public const int PapersPerPage = 8;

    /// <summary>The one-line answer to a button or menu naming a person the index no longer has.</summary>
    public const string Gone = "That author is no longer in the index. Run /author again with their name.";

    public CommandSpec Spec { get; } = new("author", "Summarise a researcher: papers, citations, h-index, topics, co-authors",
        [
            new ParameterSpec("name", "The researcher's name in any spelling: Körding, K. Kording, Kording") { Rest = true, Required = true, MinLength = 2, MaxLength = 120, Autocomplete = true, Example = "Konrad Kording" },
            new ParameterSpec("show", "What to show: the summary (default), all papers, or the co-authors") { Choices = [ShowSummary, ShowPapers, ShowCoauthors] },
            ResultActions.PageParameter,
        ])
    {
        Examples = ["/author Kording", "/author Konrad P. Kording", "/author Kording show:papers page:2", "/author Kording show:coauthors"],
        Details = "Names are matched without regard to case, accents, punctuation or middle initials. When several people share a name you get a menu to pick one (or ask again with the full name). A summary has buttons for the person's papers and co-authors.",
    };

    /// <summary>The directory id in <c>#123</c>, or null when the text is a name.</summary>
    public static long? DirectoryId(string text) =>
        text.Length is > 1 and <= 20 && text[0] == '#' && long.TryParse(text.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : null;

    public async ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        var name = arguments.GetString("name")!.Trim();
        var show = arguments.GetString("show")?.ToLowerInvariant() ?? ShowSummary;
        AuthorProfile? profile;
        if (DirectoryId(name) is { } id)
        {
            profile = await directory.GetProfileAsync(id, cancellationToken);
            if (profile is null)
            {
                return CommandResult.Missing(Gone);
            }
        }
        else
        {
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
                return CommandResult.Ok(AuthorReplies.Choose(name, candidates, c => Payload(c.Id, show)));
            }

            profile = await directory.GetProfileAsync(candidates[0].Id, cancellationToken);
            if (profile is null)
            {
                return CommandResult.Missing($"No author named \"{name}\" is in the index.");
            }
        }

        return show switch
        {
            ShowPapers => Papers(profile, arguments),
            ShowCoauthors => CommandResult.Ok(AuthorReplies.Coauthors(profile, c => c.AuthorId is { } coauthor ? Payload(coauthor, ShowSummary) : ByName(c.Name))),
            _ => CommandResult.Ok(await SummaryAsync(profile, cancellationToken)),
        };
    }

    private async Task<Reply> SummaryAsync(AuthorProfile profile, CancellationToken cancellationToken)
    {
        foreach (var enricher in enrichers)
        {
            profile = await enricher.EnrichAsync(profile, cancellationToken);
        }

        var chart = charts.Select(c => c.Render(profile)).FirstOrDefault(a => a is not null);
        var actions = new List<ReplyAction>();
        if (profile.Papers.Length > 0 && Payload(profile.Id, ShowPapers) is { } papers)
        {
            actions.Add(ReplyAction.Button("Papers", papers, ShowPapers));
        }

        if (profile.Coauthors.Length > 0 && Payload(profile.Id, ShowCoauthors) is { } coauthors)
        {
            actions.Add(ReplyAction.Button("Co-authors", coauthors, ShowCoauthors));
        }

        return AuthorReplies.Summary(profile, timeProvider.GetUtcNow(), chart) with { Actions = [.. actions] };
    }

    /// <summary>One page of the person's papers, newest first, with "More" and "Similar to…" like other lists.</summary>
    private CommandResult Papers(AuthorProfile profile, CommandArguments arguments)
    {
        var (page, fetch) = ResultActions.Window(arguments, PapersPerPage);
        var shown = profile.Papers.Take(fetch).Skip((page - 1) * PapersPerPage).Take(PapersPerPage).ToList();
        if (shown.Count == 0)
        {
            return CommandResult.Missing(page == 1
                ? $"{profile.DisplayName} has no papers in the index."
                : $"No more papers by {profile.DisplayName} after page {page - 1}.");
        }

        // The next page names the person by id whatever was typed, so it finds the same person and fits.
        var byId = arguments with { Values = arguments.Values.SetItem("name", "#" + profile.Id.ToString(CultureInfo.InvariantCulture)).SetItem("show", ShowPapers) };
        return CommandResult.Ok(AuthorReplies.Papers(profile, page, PapersPerPage, shown) with
        {
            Actions = ResultActions.For(Spec, byId, page, PapersPerPage, shown),
        });
    }

    /// <summary>A click that shows <paramref name="show"/> for the person with this id, as a new message.</summary>
    private string? Payload(long id, string show)
    {
        var values = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase) { ["name"] = "#" + id.ToString(CultureInfo.InvariantCulture) };
        if (show != ShowSummary)
        {
            values["show"] = show;
        }

        return ActionPayload.For(ActionTarget.NewMessage, Spec, values);
    }

    /// <summary>A co-author the directory gave no id for: asked by name (namesakes then get the menu).</summary>
    private string? ByName(string name) =>
        ActionPayload.For(ActionTarget.NewMessage, Spec, new Dictionary<string, object?> { ["name"] = name });

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
