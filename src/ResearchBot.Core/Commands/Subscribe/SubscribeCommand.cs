using System.Globalization;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Papers;
using PaperModel = ResearchBot.Core.Papers.Paper;

namespace ResearchBot.Core.Commands.Subscribe;

/// <summary><c>/subscribe QUERY [mode:…] [at:HH:MM] [tz:Area/City]</c>: announce new papers matching a query in this channel.</summary>
public sealed class SubscribeCommand(IAlertStore store, IPaperIndex index, TimeProvider timeProvider) : ICommand
{
    public const int MaxPerChannel = 25;
    public static readonly TimeSpan PreviewWindow = TimeSpan.FromDays(30);
    private const int PreviewScan = 10_000;

    public CommandSpec Spec { get; } = new("subscribe", "Announce new papers that match a query in this channel",
    [
        new ParameterSpec("query", "What to watch: words, \"phrases\", author:\"Name\", cat:cs.LG, AND/OR/NOT, -word")
        {
            Rest = true, Required = true, MinLength = 1, MaxLength = AlertQueryParser.MaxLength, Example = "\"graph neural network\" cat:cs.LG",
        },
        new ParameterSpec("mode", "instant (default), or a daily or weekly digest") { Choices = ["instant", "daily", "weekly"] },
        new ParameterSpec("at", "Digest time of day, HH:MM, 24-hour (default 09:00)") { MaxLength = 5, Example = "08:30" },
        new ParameterSpec("tz", "Time zone of at:, e.g. Europe/Berlin (default UTC)") { MaxLength = 64, Example = "America/New_York" },
    ])
    {
        RequiresChannelAdmin = true,
        Examples =
        [
            "/subscribe \"diffusion model\" cat:cs.CV",
            "/subscribe author:\"Konrad Kording\" OR (spiking -review)",
            "/subscribe transformer (cat:cs.LG OR cat:stat.*) mode:daily at:08:30 tz:Europe/Berlin",
        ],
        Details = "Words and \"phrases\" match whole words in titles and abstracts, ignoring case, accents and plural endings. AND is implied between terms; OR, NOT, -word and parentheses combine them. Only papers that enter the index after you subscribe are announced, each at most once per channel. Needs the right to manage the channel.",
    };

    public async ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken)
    {
        if (ChannelRights.Check(context, Spec) is { } refused)
        {
            return refused;
        }

        var text = arguments.GetString("query")!.Trim();
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

        var subscription = await store.AddAsync(new NewAlertSubscription(context.Channel, text, mode, at, tz, context.UserId), cancellationToken);
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
