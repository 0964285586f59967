using System.Globalization;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Commands.Actions;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;
using PaperModel = ResearchBot.Core.Papers.Paper;

namespace ResearchBot.Core.Commands.Subscribe;

/// <summary>
/// Creates and extends <c>like:</c> subscriptions: resolves the example papers (any form <c>/similar</c> accepts),
/// fits and calibrates the model, stores subscription, examples and model, and says what it would have announced over
/// the last 14 days. Shared by <c>/subscribe like:…</c> and the "Alert me about papers like this" button.
/// </summary>
public sealed class LikeSubscriber(IAlertStore store, IPaperIndex index, PaperResolver resolver, LikeAlertModels? models = null, IAlertFeedbackStore? feedback = null)
{
    /// <summary>What a person sees where no engine with vectors or no learner is configured.</summary>
    public const string Unavailable = "Alerts by example (`like:`) need the similarity engine, which is not available here. Subscribe with a query instead.";

    public const string NotReady = "The similarity engine is still loading; try `like:` again in a minute.";

    /// <summary>Subscribes the channel to papers like the examples; a usage error names the first reference that failed.</summary>
    public async Task<CommandResult> SubscribeAsync(CommandContext context, LikeQuery like, AlertMode mode, TimeOnly at, string tz, double perWeek, int? max, CancellationToken cancellationToken)
    {
        if (models is not { Available: true } || feedback is null)
        {
            return CommandResult.Usage(Unavailable);
        }

        if (like.Examples.Count == 0)
        {
            return CommandResult.Usage("`like:` needs a paper: an arXiv id or link, a DOI or a title, e.g. `like:2401.12345`.");
        }

        if (like.Examples.Count > LikeQuery.MaxExamples)
        {
            return CommandResult.Usage($"At most {LikeQuery.MaxExamples} `like:` examples per alert (got {like.Examples.Count.ToString(CultureInfo.InvariantCulture)}).");
        }

        AlertQuery? filter = null;
        if (like.Filter is { } filterText)
        {
            var parsed = AlertQueryParser.Parse(filterText, allowExclusionsOnly: true);
            if (parsed.Query is null)
            {
                return CommandResult.Usage("The filter next to `like:` has a mistake: " + parsed.Error);
            }

            filter = parsed.Query;
        }

        var examples = new List<PaperModel>();
        foreach (var reference in like.Examples)
        {
            var (paper, error) = await ResolveAsync(reference, cancellationToken);
            if (paper is null)
            {
                return CommandResult.Usage(error!);
            }

            if (examples.All(e => e.Seq != paper.Seq))
            {
                examples.Add(paper);
            }
        }

        var active = (await store.ListAsync(context.Channel, cancellationToken)).Where(s => s.IsActive).ToList();
        var key = Key(examples.Select(e => e.Seq), filter);
        foreach (var s in active.Where(s => s.IsLike))
        {
            var evidence = await feedback.EvidenceAsync(s.Id, cancellationToken);
            var theirs = LikeQuery.Parse(s.Query)?.FilterQuery;
            if (Key(evidence.Examples, theirs) == key)
            {
                return CommandResult.Usage($"This channel already has that subscription (#{s.Id}). `/unsubscribe {s.Id}` removes it.");
            }
        }

        if (active.Count >= SubscribeCommand.MaxPerChannel)
        {
            return CommandResult.Usage($"This channel already has {SubscribeCommand.MaxPerChannel} subscriptions, the most allowed. `/unsubscribe` one first.");
        }

        var fit = await models.FitAsync(examples, [], filter, perWeek, cancellationToken);
        if (fit is null)
        {
            return CommandResult.Usage(NotReady);
        }

        var text = LikeQuery.Format(examples.Select(ResultActions.Reference), filter?.Text);
        var subscription = await store.AddAsync(
            new NewAlertSubscription(context.Channel, text, mode, at, tz, context.UserId, [.. examples.Select(e => e.Seq)], perWeek, max), cancellationToken);
        await feedback.SaveModelAsync(subscription.Id, fit.Model, cancellationToken);
        return CommandResult.Ok(SubscribeReplies.LikeCreated(subscription, examples, filter, fit, LikeAlertModels.Window));
    }

    /// <summary>
    /// "Alert me about papers like this": adds the paper to the channel's newest <c>like:</c> subscription without a
    /// filter that has room for it, or subscribes the channel to papers like it (instant, default volume).
    /// </summary>
    public async Task<CommandResult> AddExampleAsync(CommandContext context, string reference, CancellationToken cancellationToken)
    {
        if (models is not { Available: true } || feedback is null)
        {
            return CommandResult.Usage(Unavailable);
        }

        var (paper, error) = await ResolveAsync(reference, cancellationToken);
        if (paper is null)
        {
            return CommandResult.Usage(error!);
        }

        var active = (await store.ListAsync(context.Channel, cancellationToken)).Where(s => s.IsActive && s.IsLike).Reverse().ToList();
        foreach (var s in active)
        {
            var like = LikeQuery.Parse(s.Query)!;
            if (like.Filter is not null)
            {
                continue;
            }

            var evidence = await feedback.EvidenceAsync(s.Id, cancellationToken);
            if (evidence.Examples.Contains(paper.Seq))
            {
                return CommandResult.Ok(Reply.Info($"Alert #{s.Id} already has this paper as an example. /subscriptions shows its examples and votes."));
            }

            if (evidence.Examples.Count >= LikeQuery.MaxExamples)
            {
                continue;
            }

            var seqs = evidence.Examples.Append(paper.Seq).ToList();
            var papers = (await PapersAsync(seqs, cancellationToken)).ToDictionary(p => p.Seq);
            var text = LikeQuery.Format(seqs.Where(papers.ContainsKey).Select(q => ResultActions.Reference(papers[q])), null);
            if (!await feedback.SetExamplesAsync(context.Channel, s.Id, seqs, text, cancellationToken))
            {
                continue;
            }

            var model = await models.RefitAsync(s with { Query = text }, save: true, cancellationToken);
            return CommandResult.Ok(SubscribeReplies.ExampleAdded(s, paper, seqs.Count, model));
        }

        return await SubscribeAsync(context, new LikeQuery([reference], null), AlertMode.Instant, new TimeOnly(9, 0), "UTC", LikeAlertModels.DefaultPerWeek, null, cancellationToken);
    }

    /// <summary>Removes one example of the channel's <c>like:</c> subscription (at least one stays) and refits.</summary>
    public async Task<CommandResult> RemoveExampleAsync(CommandContext context, long subscriptionId, string reference, CancellationToken cancellationToken)
    {
        if (models is not { Available: true } || feedback is null)
        {
            return CommandResult.Usage(Unavailable);
        }

        var s = (await store.ListAsync(context.Channel, cancellationToken)).FirstOrDefault(x => x.Id == subscriptionId && x.IsActive && x.IsLike);
        if (s is null)
        {
            return CommandResult.Usage($"This channel has no active `like:` alert #{subscriptionId.ToString(CultureInfo.InvariantCulture)}. /subscriptions lists them.");
        }

        var (paper, error) = await ResolveAsync(reference, cancellationToken);
        var evidence = await feedback.EvidenceAsync(s.Id, cancellationToken);
        if (paper is null || !evidence.Examples.Contains(paper.Seq))
        {
            return CommandResult.Usage(paper is null ? error! : $"That paper is not an example of alert #{s.Id}. /subscriptions lists its examples.");
        }

        if (evidence.Examples.Count == 1)
        {
            return CommandResult.Usage($"That is the only example of alert #{s.Id}; `/unsubscribe {s.Id}` removes the alert instead.");
        }

        var seqs = evidence.Examples.Where(q => q != paper.Seq).ToList();
        var papers = (await PapersAsync(seqs, cancellationToken)).ToDictionary(p => p.Seq);
        var like = LikeQuery.Parse(s.Query);
        var text = LikeQuery.Format(seqs.Where(papers.ContainsKey).Select(q => ResultActions.Reference(papers[q])), like?.Filter);
        await feedback.SetExamplesAsync(context.Channel, s.Id, seqs, text, cancellationToken);
        await models.RefitAsync(s with { Query = text }, save: true, cancellationToken);
        return CommandResult.Ok(Reply.Info($"Removed {ResultActions.Reference(paper)} from alert #{s.Id}; it now learns from {PaperFormatting.Count(seqs.Count, "example")}.", ReplyVisibility.Channel));
    }

    private Task<IReadOnlyList<PaperModel>> PapersAsync(IReadOnlyList<long> seqs, CancellationToken cancellationToken) =>
        index.GetBySeqAsync(seqs, cancellationToken);

    private async Task<(PaperModel? Paper, string? Error)> ResolveAsync(string reference, CancellationToken cancellationToken)
    {
        try
        {
            return await resolver.ResolveAsync(reference, cancellationToken) switch
            {
                PaperResolution.Found f => (f.Paper, null),
                PaperResolution.Ambiguous => (null, $"`like:{reference}` matches several papers; use its arXiv id or link."),
                PaperResolution.NotFound n => (null, $"`like:{reference}`: {n.Message}"),
                PaperResolution.Invalid i => (null, $"`like:{reference}`: {i.Message}"),
                _ => (null, $"`like:{reference}` is not a paper I can find."),
            };
        }
        catch (PaperSourceUnavailableException)
        {
            return (null, $"`like:{reference}`: the paper source could not be reached; try again later.");
        }
    }

    private static string Key(IEnumerable<long> seqs, AlertQuery? filter) =>
        string.Join(',', seqs.Order()) + "|" + (filter?.Key ?? "");
}
