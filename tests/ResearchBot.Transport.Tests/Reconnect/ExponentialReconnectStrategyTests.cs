using ResearchBot.Transport.Reconnect;

namespace ResearchBot.Transport.Tests.Reconnect;

public sealed class ExponentialReconnectStrategyTests
{
    [Fact]
    public void GetDelays_TopDraws_DoubleUpToTheCap()
    {
        var strategy = new ExponentialReconnectStrategy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60), () => 1);

        var delays = strategy.GetDelays().Take(9).Select(d => d.TotalSeconds);

        Assert.Equal([1, 2, 4, 8, 16, 32, 60, 60, 60], delays);
    }

    [Fact]
    public void GetDelays_BottomDraws_HalfOfEachCeiling()
    {
        var strategy = new ExponentialReconnectStrategy(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), () => 0);

        var delays = strategy.GetDelays().Take(7).Select(d => d.TotalSeconds);

        Assert.Equal([0.5, 1, 2, 4, 8, 15, 15], delays);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    [InlineData(2026)]
    public void GetDelays_SeededRandom_EachDelayBetweenHalfAndAllOfItsCeiling(int seed)
    {
        var random = new Random(seed);
        var strategy = new ExponentialReconnectStrategy(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), random.NextDouble);

        var delays = strategy.GetDelays().Take(12).ToList();

        double[] ceilings = [1, 2, 4, 8, 16, 32, 64, 120, 120, 120, 120, 120];
        for (var i = 0; i < delays.Count; i++)
        {
            Assert.InRange(delays[i].TotalSeconds, ceilings[i] / 2, ceilings[i]);
        }

        Assert.True(delays.Distinct().Count() > 6, "the draws should spread the delays");
    }

    [Fact]
    public void GetDelays_TwoBotsWithDifferentDraws_DoNotRetryTogether()
    {
        var low = new ExponentialReconnectStrategy(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), () => 0.1).GetDelays().First();
        var high = new ExponentialReconnectStrategy(TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(2), () => 0.9).GetDelays().First();

        Assert.Equal(TimeSpan.FromMilliseconds(550), low);
        Assert.Equal(TimeSpan.FromMilliseconds(950), high);
    }

    [Fact]
    public void GetDelays_ZeroInitial_ReconnectsAtOnceEveryTime() =>
        Assert.All(new ExponentialReconnectStrategy(TimeSpan.Zero, TimeSpan.Zero, () => 0.7).GetDelays().Take(5), d => Assert.Equal(TimeSpan.Zero, d));

    [Fact]
    public void GetDelays_DrawOutsideUnitRange_StaysWithinTheCeiling()
    {
        var delays = new ExponentialReconnectStrategy(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(4), () => 7).GetDelays().Take(2);

        Assert.All(delays, d => Assert.Equal(TimeSpan.FromSeconds(4), d));
    }

    [Fact]
    public void Constructor_MaxBelowInitial_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new ExponentialReconnectStrategy(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(1)));

    [Fact]
    public void GetDelays_HugeCap_DoesNotOverflow()
    {
        var strategy = new ExponentialReconnectStrategy(TimeSpan.FromSeconds(1), TimeSpan.FromDays(3650), () => 1);

        var last = strategy.GetDelays().Take(200).Last();

        Assert.Equal(TimeSpan.FromDays(3650), last);
    }
}
