using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Core.Coordination;
using ResearchBot.TestKit;

namespace ResearchBot.Similarity.Tests;

/// <summary>Several processes on one database: only the holder of the fit lease fits a similarity model.</summary>
public sealed class SimilarityFitLeaseTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 2, 9, 0, 0, TimeSpan.Zero));
    private readonly FakeJobLeases _leases = new();

    private LsaSimilarityIndex Process(SimilarityFixture f, string name) =>
        new(f.Papers, f.Store, Microsoft.Extensions.Options.Options.Create(f.Options), TimeProvider.System, NullLogger<LsaSimilarityIndex>.Instance, f.Keywords,
            singleton: new SingletonJob(_leases.For(name), _clock, NullLogger<SingletonJob>.Instance));

    [Fact]
    public async Task FirstBuild_FitLeaseHeldElsewhere_WaitsThenLoadsTheModelTheHolderStoredInsteadOfFittingAgain()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();
        var ct = TestContext.Current.CancellationToken;
        var holderLease = await _leases.For("a").TryAcquireAsync(SingletonJobNames.SimilarityFit, ct);
        using var b = Process(f, "b");

        var ready = b.EnsureReadyAsync(ct);
        await Task.Delay(200, ct);
        Assert.False(ready.IsCompleted); // b does not fit while a holds the lease
        Assert.Null(await f.Store.GetLatestModelAsync(LsaEngine.Kind, ct));

        // a fits and stores the model, then gives the lease up.
        using var a = f.NewIndex();
        await a.EnsureReadyAsync(ct);
        var fitted = (await f.Store.GetLatestModelAsync(LsaEngine.Kind, ct))!.Version;
        await holderLease!.DisposeAsync();
        for (var i = 0; i < 100 && !ready.IsCompleted; i++)
        {
            _clock.Advance(TimeSpan.FromSeconds(1));
            await Task.Delay(20, ct);
        }

        Assert.True(await ready);
        Assert.Equal(fitted, b.Engine!.Model.Version);
        Assert.Equal(fitted, (await f.Store.GetLatestModelAsync(LsaEngine.Kind, ct))!.Version); // no second version
        Assert.Null(_leases.HolderOf(SingletonJobNames.SimilarityFit)); // b gave the lease back after loading
    }

    [Fact]
    public async Task Refit_FitLeaseHeldElsewhere_SkipsAndStoresNoNewVersion()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();
        var ct = TestContext.Current.CancellationToken;
        using var b = Process(f, "b");
        await b.EnsureReadyAsync(ct);
        var version = b.Engine!.Model.Version;
        await using var held = await _leases.For("a").TryAcquireAsync(SingletonJobNames.SimilarityFit, ct);

        await b.RefitAsync(ct);

        Assert.Equal(version, (await f.Store.GetLatestModelAsync(LsaEngine.Kind, ct))!.Version);
        Assert.Equal(version, b.Engine!.Model.Version);
    }

    [Fact]
    public async Task Refit_LeaseFree_FitsANewVersionAndGivesTheLeaseBack()
    {
        using var f = await new SimilarityFixture().WithDemoDataAsync();
        var ct = TestContext.Current.CancellationToken;
        using var b = Process(f, "b");
        await b.EnsureReadyAsync(ct);
        var version = b.Engine!.Model.Version;

        await b.RefitAsync(ct);

        Assert.True(b.Engine!.Model.Version > version);
        Assert.Null(_leases.HolderOf(SingletonJobNames.SimilarityFit));
    }
}
