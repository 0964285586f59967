using ResearchBot.Core.Alerts;

namespace ResearchBot.Alerts.Tests.Core;

public sealed class DigestScheduleTests
{
    private static TimeZoneInfo Berlin => TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    [Fact]
    public void Next_Daily_FollowsLocalTimeAcrossSpringForward()
    {
        // Berlin moves from UTC+1 to UTC+2 on 29 March 2026.
        var before = DigestSchedule.Next(new DateTimeOffset(2026, 3, 28, 10, 0, 0, TimeSpan.Zero), AlertMode.Daily, new TimeOnly(9, 0), Berlin);
        var after = DigestSchedule.Next(before, AlertMode.Daily, new TimeOnly(9, 0), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 7, 0, 0, TimeSpan.Zero), before.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero), after.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2026, 3, 28, 8, 0, 0, TimeSpan.Zero),
            DigestSchedule.Next(new DateTimeOffset(2026, 3, 27, 9, 0, 0, TimeSpan.Zero), AlertMode.Daily, new TimeOnly(9, 0), Berlin).ToUniversalTime());
    }

    [Fact]
    public void Next_TimeInTheSpringGap_MovesToTheEndOfTheGap()
    {
        var due = DigestSchedule.Next(new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), AlertMode.Daily, new TimeOnly(2, 30), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), due.ToUniversalTime()); // 03:00 CEST
    }

    [Fact]
    public void Next_AmbiguousFallBackTime_UsesTheFirstOccurrence()
    {
        // 25 October 2026: 02:30 happens twice in Berlin (CEST, then CET).
        var due = DigestSchedule.Next(new DateTimeOffset(2026, 10, 24, 12, 0, 0, TimeSpan.Zero), AlertMode.Daily, new TimeOnly(2, 30), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 10, 25, 0, 30, 0, TimeSpan.Zero), due.ToUniversalTime());
    }

    [Fact]
    public void Next_Weekly_IsTheNextMonday()
    {
        var due = DigestSchedule.Next(new DateTimeOffset(2026, 3, 25, 12, 0, 0, TimeSpan.Zero), AlertMode.Weekly, new TimeOnly(9, 0), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 30, 7, 0, 0, TimeSpan.Zero), due.ToUniversalTime());
    }

    [Fact]
    public void Next_IsStrictlyAfterTheGivenInstant()
    {
        var exactly = new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

        Assert.Equal(exactly.AddDays(1), DigestSchedule.Next(exactly, AlertMode.Daily, new TimeOnly(9, 0), TimeZoneInfo.Utc));
    }
}
