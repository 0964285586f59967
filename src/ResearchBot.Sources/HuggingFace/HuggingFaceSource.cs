using System.Runtime.CompilerServices;
using Microsoft.Extensions.Options;

namespace ResearchBot.Sources.HuggingFace;

/// <summary>Stores the last two days' daily papers in the index with their upvotes (merging into arXiv records).</summary>
public sealed class HuggingFaceSource(DailyPapersClient client, IOptions<HuggingFaceOptions> options, TimeProvider timeProvider) : IPaperSource
{
    public string Name => DailyPapersParser.SourceName;

    public bool Enabled => options.Value.Enabled;

    public string Schedule => options.Value.Schedule;

    public async IAsyncEnumerable<HarvestBatch> HarvestAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        foreach (var day in new[] { today.AddDays(-1), today })
        {
            var items = await client.GetDayAsync(day, cancellationToken);
            yield return new HarvestBatch([.. items.Select(i => i.Record)], 0, day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
