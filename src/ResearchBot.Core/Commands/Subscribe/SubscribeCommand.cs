using System.Globalization;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Alerts.Learning;
using ResearchBot.Core.Papers;
using PaperModel = ResearchBot.Core.Papers.Paper;

namespace ResearchBot.Core.Commands.Subscribe;

/// <summary>
/// <c>/subscribe QUERY [mode:…] [at:HH:MM] [tz:Area/City] [per:week:N] [max:N]</c>: announce new papers matching a
/// query in this channel, or (<c>like:PAPER …</c>) papers like example papers, learning from 👍 / 👎.
/// </summary>
public sealed class SubscribeCommand(IAlertStore store, IPaperIndex index, TimeProvider timeProvider, LikeSubscriber? likes = null) : ICommand
{
    public const int MaxPerChannel = 25;

    /// <summary>Ten <c>like:</c> links with a filter; a keyword query alone stays within <see cref="AlertQueryParser.MaxLength"/>.</summary>
    public const int MaxQueryLength = 900;
    public static readonly TimeSpan PreviewWindow = TimeSpan.FromDays(30);
    private const int PreviewScan = 10_000;

    public CommandSpec Spec { get; } = new("subscribe", "Announce new papers that match a query in this channel",
    [
        new ParameterSpec("query", "What to watch: like:PAPER (1–10 examples), or words, \"phrases\", author:, cat:cs.LG, AND/OR/NOT")
        {
            Rest = true, Required = true, MinLength = 1, MaxLength = MaxQueryLength, Example = "\"graph neural network\" cat:cs.LG",
        },
        new ParameterSpec("mode", "instant (default), or a daily or weekly digest") { Choices = ["instant", "daily", "weekly"] },
        new ParameterSpec("at", "Digest time of day, HH:MM, 24-hour (default 09:00)") { MaxLength = 5, Example = "08:30" },
        new ParameterSpec("tz", "Time zone of at:, e.g. Europe/Berlin (default UTC)") { MaxLength = 64, Example = "America/New_York" },
        new ParameterSpec("per", "like: alerts: about how many papers a week, week:N (default week:10)") { MaxLength = 12, Example = "week:5" },
        new ParameterSpec("max", "Papers shown per digest, the rest as \"and N more\" (default 10)") { Kind = ParameterKind.Integer, MinValue = 1, MaxValue = 25 },
    ])
    {
        RequiresChannelAdmin = true,
        Examples =
        [
            "/subscribe \"diffusion model\" cat:cs.CV",
            "/subscribe author:\"Konrad Kording\" OR (spiking -review)",
            "/subscribe transformer (cat:cs.LG OR cat:stat.*) mode:daily at:08:30 tz:Europe/Berlin",
            "/subscribe like:2401.12345 like:2402.00001 cat:cs.LG mode:daily per:week:5",
        ],
        Details = "Words and \"phrases\" match whole words in titles and abstracts, ignoring case, accents and plural endings. AND is implied between terms; OR, NOT, -word and parentheses combine them. Only papers that enter the index after you subscribe are announced, each at most once per channel. like:PAPER (an arXiv id or link, a DOI or a title; up to 10) announces papers like the examples instead, optionally filtered by a query (like:2401.12345 -survey); its threshold is calibrated to per:week:N and moves with the channel's 👍 / 👎. Needs the right to manage the channel.",
    };

    public async ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        if (ChannelRights.Check(context, Spec) is { } refused)
        {
            return refused;
        }

        var text = arguments.GetString("query")!.Trim();
        var max = arguments.GetInt64("max") is { } m ? (int?)m : null;
        if (LikeQuery.Parse(text) is { } like)
        {
            var (likeMode, likeAt, likeTz, likeError) = ReadSchedule(arguments);
            var (perWeek, perError) = ReadPerWeek(arguments.GetString("per"));
            if ((likeError ?? perError) is { } error)
            {
                return CommandResult.Usage(error);
            }

            return likes is null
                ? CommandResult.Usage(LikeSubscriber.Unavailable)
                : await likes.SubscribeAsync(context, like, likeMode, likeAt, likeTz, perWeek, max, cancellationToken);
        }

        if (arguments.GetString("per") is not null)
        {
            return CommandResult.Usage("`per:week:N` sets the volume of a `like:` alert; a query alert announces every match.");
        }

        if (text.Length > AlertQueryParser.MaxLength)
        {
            return CommandResult.Usage($"That query is too long ({text.Length} characters; at most {AlertQueryParser.MaxLength}).");
        }

        var parsed = AlertQueryParser.Parse(text);
        if (parsed.Query is not { } query)
        {
            return CommandResult.Usage("That query has a mistake. " + parsed.ErrorWithContext(text));
        }

        var (mode, at, tz, optionError) = ReadSchedule(arguments);
        if (optionError is not null)
        {
            return CommandResult.Usage(optionError);
        }

        var existing = await store.ListAsync(context.Channel, cancellationToken);
        var active = existing.Where(s => s.IsActive).ToList();
        var same = active.FirstOrDefault(s => AlertQueryParser.Parse(s.Query).Query?.Key == query.Key);
        if (same is not null)
        {
            return CommandResult.Usage($"This channel already has that subscription (#{same.Id}). `/unsubscribe {same.Id}` removes it.");
        }

        if (active.Count >= MaxPerChannel)
        {
            return CommandResult.Usage($"This channel already has {MaxPerChannel} subscriptions, the most allowed. Combine some with OR, or `/unsubscribe` one.");
        }

        var subscription = await store.AddAsync(new NewAlertSubscription(context.Channel, text, mode, at, tz, context.UserId, MaxShown: max), cancellationToken);
        var preview = await PreviewAsync(query, cancellationToken);
        return CommandResult.Ok(SubscribeReplies.Created(subscription, query, preview.Count, preview.Top, PreviewWindow));
    }

    private async Task<(int Count, IReadOnlyList<(PaperModel Paper, AlertMatch Match)> Top)> PreviewAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        var since = timeProvider.GetUtcNow() - PreviewWindow;
        var recent = await index.RecentlyIndexedAsync(since, PreviewScan, cancellationToken);
        var matches = new List<(PaperModel Paper, AlertMatch Match)>();
        foreach (var paper in recent)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // What a subscription made at the start of the window would have announced: old papers indexed lately were not news.
            if (!AlertPercolator.IsOldNewsFor(paper, since) && query.Match(new PaperFeatures(paper)) is { } match)
            {
                matches.Add((paper, match));
            }
        }

        return (matches.Count, [.. matches.OrderByDescending(m => m.Match.Score).ThenByDescending(m => m.Paper.Seq).Take(3)]);
    }

    /// <summary><c>per:week:N</c>, N from 1 to 200; the default when absent.</summary>
    private static (double PerWeek, string? Error) ReadPerWeek(string? text)
    {
        if (text is null)
        {
            return (LikeAlertModels.DefaultPerWeek, null);
        }

        var value = text.StartsWith("week:", StringComparison.OrdinalIgnoreCase) ? text[5..] : text;
        return double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 200
            ? (n, null)
            : (0, $"`per:` takes week:N with N from 1 to 200, e.g. `per:week:5` (got \"{text}\").");
    }

    private static (AlertMode Mode, TimeOnly At, string Tz, string? Error) ReadSchedule(CommandArguments arguments)
    {
        var atText = arguments.GetString("at");
        var tzText = arguments.GetString("tz");
        var mode = arguments.GetString("mode")?.ToLowerInvariant() switch
        {
            "daily" => AlertMode.Daily,
            "weekly" => AlertMode.Weekly,
            "instant" => AlertMode.Instant,
            _ => atText is not null ? AlertMode.Daily : AlertMode.Instant,
        };
        var at = new TimeOnly(9, 0);
        if (atText is not null && !TimeOnly.TryParseExact(atText, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
        {
            return (mode, at, "UTC", $"`at:` must be a 24-hour time like 08:30 (got \"{atText}\").");
        }

        var tz = "UTC";
        if (tzText is not null)
        {
            if (!DigestSchedule.TryFindTimeZone(tzText, out var zone))
            {
                return (mode, at, tz, $"`tz:` must be an IANA time zone such as Europe/Berlin, America/New_York or UTC (got \"{tzText}\").");
            }

            tz = zone.Id;
        }

        if (mode == AlertMode.Instant && (atText is not null || tzText is not null))
        {
            return (mode, at, tz, "`at:` and `tz:` set the time of a digest; add `mode:daily` or `mode:weekly`, or leave them out for instant alerts.");
        }

        return (mode, at, tz, null);
    }
}
