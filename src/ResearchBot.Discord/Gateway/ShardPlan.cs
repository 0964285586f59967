using System.Globalization;

namespace ResearchBot.Discord.Gateway;

/// <summary>
/// Which gateway shards this process runs: <see cref="Count"/> (<c>Discord:ShardCount</c>; null for <c>auto</c>, the
/// count <c>GET /gateway/bot</c> recommends) and <see cref="Ids"/> (<c>Discord:Shards</c>; null for all of them).
/// Every process of one bot must use the same count and disjoint ids.
/// </summary>
public sealed record ShardPlan(int? Count, IReadOnlyList<int>? Ids)
{
    /// <summary>The value of <c>Discord:ShardCount</c> that asks Discord for the count.</summary>
    public const string Auto = "auto";

    /// <summary>The most shards we accept (Discord's largest bots run a few thousand).</summary>
    public const int MaxShards = 10_000;

    /// <summary>The ids to run once the count is known (all of them when <c>Discord:Shards</c> is empty).</summary>
    public IReadOnlyList<int> IdsFor(int count) => Ids ?? [.. Enumerable.Range(0, count)];

    /// <summary>Parses both settings; returns null and one message per problem, each naming its key.</summary>
    public static ShardPlan? TryParse(string? shardCount, string? shards, List<string> errors)
    {
        int? count = null;
        var countOk = true;
        var countText = shardCount?.Trim() ?? "";
        if (countText.Length == 0)
        {
            count = 1;
        }
        else if (!string.Equals(countText, Auto, StringComparison.OrdinalIgnoreCase))
        {
            if (int.TryParse(countText, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= MaxShards)
            {
                count = n;
            }
            else
            {
                errors.Add($"Discord:ShardCount must be a number between 1 and {MaxShards}, or '{Auto}' (the count GET /gateway/bot recommends) (got '{shardCount}').");
                countOk = false;
            }
        }

        var ids = ParseIds(shards, errors);
        var tooBig = ids is not null && count is { } c ? ids.FirstOrDefault(id => id >= c, -1) : -1;
        if (tooBig >= 0)
        {
            errors.Add($"Discord:Shards lists shard {tooBig}, but Discord:ShardCount is {count}: shard ids must run from 0 to {count - 1}.");
            return null;
        }

        return countOk && (ids is not null || string.IsNullOrWhiteSpace(shards)) ? new ShardPlan(count, ids) : null;
    }

    /// <summary>Parses a list such as <c>0-3</c>, <c>0,2</c> or <c>0,4-7</c>; null when empty (all) or invalid (with an error).</summary>
    private static List<int>? ParseIds(string? text, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var ids = new SortedSet<int>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var dash = raw.IndexOf('-', StringComparison.Ordinal);
            int from, last;
            bool ok;
            if (dash < 0)
            {
                ok = TryId(raw, out from);
                last = from;
            }
            else
            {
                ok = TryId(raw[..dash].Trim(), out from) & TryId(raw[(dash + 1)..].Trim(), out last) && from <= last;
            }

            if (!ok)
            {
                errors.Add($"Discord:Shards must list shard ids (from 0) or ranges, such as '0-3' or '0,2,5-7'; empty runs every shard (got '{text}').");
                return null;
            }

            for (var id = from; id <= last; id++)
            {
                if (!ids.Add(id))
                {
                    errors.Add($"Discord:Shards names shard {id} twice (got '{text}').");
                    return null;
                }
            }
        }

        return [.. ids];
    }

    private static bool TryId(string s, out int id) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out id) && id < MaxShards;

    /// <summary>Short text for logs, e.g. <c>0-3 of 8</c>.</summary>
    public static string Describe(IReadOnlyList<int> ids, int count)
    {
        var contiguous = ids.Count > 0 && ids[^1] - ids[0] == ids.Count - 1;
        var list = ids.Count == 1 ? ids[0].ToString(CultureInfo.InvariantCulture)
            : contiguous ? $"{ids[0]}-{ids[^1]}"
            : string.Join(',', ids);
        return $"{list} of {count}";
    }
}
