using System.Collections.Immutable;
using System.Globalization;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Replies;
using PaperModel = ResearchBot.Core.Papers.Paper;

namespace ResearchBot.Core.Commands.Author;

public static class AuthorReplies
{
    public const int RecentPapers = 5;
    public const int TopCoauthors = 6;

    public static Reply Summary(AuthorProfile profile, DateTimeOffset now, ReplyAttachment? chart)
    {
        var fields = ImmutableArray.CreateBuilder<ReplyField>();
        fields.Add(new ReplyField("Papers in this index", PaperFormatting.Count(profile.Papers.Length, "paper")));
        var indexCitations = profile.Papers.Sum(p => (long)(p.Citations ?? 0));
        if (indexCitations > 0)
        {
            fields.Add(new ReplyField("Citations of those papers", PaperFormatting.Compact(indexCitations)));
        }

        var latest = profile.Papers.Where(p => p.Published is not null).MaxBy(p => p.Published);
        if (latest?.Published is { } d)
        {
            fields.Add(new ReplyField("Latest paper", latest.PublishedYearOnly
                ? d.Year.ToString(CultureInfo.InvariantCulture)
                : PaperFormatting.Ago(new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero), now)));
        }

        foreach (var m in profile.Metrics)
        {
            fields.Add(new ReplyField(m.Source, MetricsLine(m), Inline: false));
        }

        var sections = ImmutableArray.CreateBuilder<ReplySection>();
        var topics = Topics(profile);
        if (topics.Length > 0)
        {
            sections.Add(new ReplySection("Topics", [string.Join(" · ", topics)]));
        }

        if (profile.Coauthors.Length > 0)
        {
            sections.Add(new ReplySection("Frequent co-authors",
                [string.Join(" · ", profile.Coauthors.Take(TopCoauthors).Select(c => $"{c.Name} ({c.Count})"))]));
        }

        var variants = profile.Variants.Where(v => !string.Equals(v, profile.DisplayName, StringComparison.Ordinal)).ToList();
        return new Reply
        {
            Title = profile.DisplayName,
            Body = variants.Count == 0 ? null : "Also written as " + string.Join(", ", variants) + ".",
            Fields = fields.ToImmutable(),
            Sections = sections.ToImmutable(),
            PapersHeading = "Recent papers",
            Papers = [.. profile.Papers.Take(RecentPapers).Select(p => PaperFormatting.ToItem(p))],
            Footer = "Paper counts, topics and co-authors come from this index; other figures name their source.",
            Attachments = chart is null ? [] : [chart],
        };
    }

    public static string MetricsLine(AuthorMetrics m)
    {
        var parts = new List<string>();
        if (m.HIndex is { } h)
        {
            parts.Add($"h-index {h}");
        }

        if (m.I10Index is { } i10)
        {
            parts.Add($"i10-index {i10}");
        }

        if (m.Citations is { } c)
        {
            parts.Add(PaperFormatting.Count(c, "citation"));
        }

        if (m.WorksCount is { } w)
        {
            parts.Add(PaperFormatting.Count(w, "paper"));
        }

        if (m.Institution is { Length: > 0 } inst)
        {
            parts.Add(inst);
        }

        foreach (var (label, value) in m.Extra.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            parts.Add($"{label} {value}");
        }

        return parts.Count == 0 ? "(no figures)" : string.Join(" · ", parts);
    }

    /// <summary>Categories of the author's indexed papers with counts, then topics a source names that those lack.</summary>
    private static ImmutableArray<string> Topics(AuthorProfile profile)
    {
        var fromPapers = profile.Categories.Take(8).ToList();
        var seen = fromPapers.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var fromSources = profile.Metrics.SelectMany(m => m.Topics).Where(t => seen.Add(t)).Take(6);
        return [.. fromPapers.Select(c => $"{c.Name} ({c.Count})").Concat(fromSources)];
    }

    /// <summary>
    /// Several people share the name: each listed, and a menu to pick one (<paramref name="payload"/> names the
    /// person exactly; a candidate whose payload would not fit is listed but not offered).
    /// </summary>
    public static Reply Choose(string query, IReadOnlyList<AuthorCandidate> candidates, Func<AuthorCandidate, string?> payload)
    {
        var choices = candidates.Select((c, i) => payload(c) is { } chosen
                ? new ReplyChoice(Cut(c.DisplayName, 100), chosen, Cut(Describe(c), 100), i + 1)
                : null)
            .OfType<ReplyChoice>()
            .ToList();
        return new Reply
        {
            Title = $"{candidates.Count} people match \"{query}\"",
            Body = choices.Count > 0
                ? "Which one do you mean? Pick one from the menu, or ask again with the full name as shown."
                : "Which one do you mean? Ask again with the full name as shown.",
            Sections =
            [
                new ReplySection("Candidates", [.. candidates.Select(c => $"{c.DisplayName} — {Describe(c)}")]),
            ],
            Visibility = ReplyVisibility.Private,
            Kind = ReplyKind.Info,
            Actions = choices.Count > 0 ? [ReplyAction.Select("Which one?", choices, "pick")] : [],
        };
    }

    /// <summary>"2 papers · cs.LG · latest: "Title" (2025)": what tells namesakes apart.</summary>
    public static string Describe(AuthorCandidate c) =>
        PaperFormatting.Count(c.PaperCount, "paper")
        + (c.TopCategories.IsDefaultOrEmpty ? "" : $" · {string.Join(", ", c.TopCategories)}")
        + (c.RecentTitle is null ? "" : $" · latest: \"{c.RecentTitle}\"{(c.RecentYear is { } y ? $" ({y})" : "")}");

    /// <summary>One page of the person's papers, newest first.</summary>
    public static Reply Papers(AuthorProfile profile, int page, int pageSize, IReadOnlyList<PaperModel> shown)
    {
        var first = (page - 1) * pageSize + 1;
        return new Reply
        {
            Title = $"Papers by {profile.DisplayName}",
            Papers = [.. shown.Select(p => PaperFormatting.ToItem(p))],
            Footer = $"Papers {first}–{first + shown.Count - 1} of {profile.Papers.Length} in this index, newest first",
        };
    }

    /// <summary>
    /// The person's co-authors with their shared papers, and a menu to open any one's summary (<paramref name="payload"/>;
    /// one whose payload would not fit is listed but not offered).
    /// </summary>
    public static Reply Coauthors(AuthorProfile profile, Func<NameCount, string?> payload)
    {
        var listed = profile.Coauthors.Take(ReplyAction.MaxChoices).ToList();
        var choices = listed.Select((c, i) => payload(c) is { } chosen
                ? new ReplyChoice(Cut($"{i + 1}. {c.Name}", 100), chosen, Together(c), i + 1)
                : null)
            .OfType<ReplyChoice>()
            .ToList();
        return new Reply
        {
            Title = $"Co-authors of {profile.DisplayName}",
            Body = listed.Count == 0 ? "No co-authors in this index." : null,
            Sections = listed.Count == 0 ? [] : [new ReplySection("Most papers together first", [.. listed.Select((c, i) => $"{i + 1}. {c.Name} — {Together(c)}")])],
            Footer = profile.Coauthors.Length > listed.Count ? $"Top {listed.Count} of {profile.Coauthors.Length}" : null,
            Actions = choices.Count > 0 ? [ReplyAction.Select("Co-author…", choices, "pick")] : [],
        };
    }

    private static string Together(NameCount c) => PaperFormatting.Count(c.Count, "paper") + " together";

    private static string Cut(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    public static string NotFoundMessage(string name, IReadOnlyList<string> close) =>
        close.Count == 0
            ? $"No author named \"{name}\" is in the index. Check the spelling, or try just the surname."
            : $"No author named \"{name}\" is in the index. Did you mean {string.Join(", ", close.Select(c => $"\"{c}\""))}?";
}
