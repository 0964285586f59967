namespace ResearchBot.Core.Alerts;

/// <summary>
/// When digests are due, in the subscription's IANA time zone. A local time that does not exist on a spring-forward
/// day moves to the first minute after the gap; a time that occurs twice on a fall-back day uses the first one.
/// Weekly digests go out on Monday.
/// </summary>
public static class DigestSchedule
{
    public const DayOfWeek WeeklyDay = DayOfWeek.Monday;

    /// <summary>Resolves an IANA id such as <c>Europe/Berlin</c> (or <c>UTC</c>).</summary>
    public static bool TryFindTimeZone(string? id, out TimeZoneInfo timeZone)
    {
        timeZone = TimeZoneInfo.Utc;
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64)
        {
            return false;
        }

        if (TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out var found))
        {
            timeZone = found;
            return true;
        }

        return false;
    }

    /// <summary>The due time for a match found at <paramref name="now"/>: now for instant, else the next digest time after now.</summary>
    public static DateTimeOffset DueAt(AlertSubscription subscription, DateTimeOffset now)
    {
        if (subscription.Mode == AlertMode.Instant)
        {
            return now;
        }

        TryFindTimeZone(subscription.TimeZone, out var tz);
        return Next(now, subscription.Mode, subscription.DigestAt, tz);
    }

    /// <summary>The first digest time strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset Next(DateTimeOffset after, AlertMode mode, TimeOnly at, TimeZoneInfo timeZone)
    {
        var localDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, timeZone).DateTime);
        for (var day = -1; day <= 8; day++)
        {
            var date = localDate.AddDays(day);
            if (mode == AlertMode.Weekly && date.DayOfWeek != WeeklyDay)
            {
                continue;
            }

            var instant = Resolve(date.ToDateTime(at), timeZone);
            if (instant > after)
            {
                return instant;
            }
        }

        return after.AddDays(1); // unreachable for sane zones; never schedule in the past
    }

    /// <summary>The instant a local wall-clock time denotes in a zone.</summary>
    public static DateTimeOffset Resolve(DateTime local, TimeZoneInfo timeZone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        var guard = 0;
        while (timeZone.IsInvalidTime(local) && guard++ < 24 * 60)
        {
            local = local.AddMinutes(1);
        }

        if (timeZone.IsAmbiguousTime(local))
        {
            var offsets = timeZone.GetAmbiguousTimeOffsets(local);
            return new DateTimeOffset(local, offsets.Max());
        }

        return new DateTimeOffset(local, timeZone.GetUtcOffset(local));
    }
}
