using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Papers;
using ResearchBot.Sources.Arxiv;
using ResearchBot.Sources.Tests.Support;

namespace ResearchBot.Sources.Tests.Running;

public class RegistrationTests
{
    [Fact]
    public void AddPaperSources_NothingConfigured_EverySourceOffAndNoRemoteLookups()
    {
        using var host = new TestHost();

        Assert.All(host.Get<IEnumerable<IPaperSource>>(), s => Assert.False(s.Enabled));
        Assert.Empty(host.Get<IEnumerable<IRemotePaperLookup>>());
        Assert.Empty(host.Get<IEnumerable<IAuthorProfileEnricher>>());
        Assert.IsNotType<ResearchBot.Sources.HuggingFace.HuggingFaceTrending>(host.Get<ResearchBot.Core.Trending.ITrendingPapers>()); // the index fallback stays
        Assert.Empty(host.Get<IEnumerable<IAuthorChartRenderer>>()); // charts are ResearchBot.Charts' job (AddCharts)
    }

    [Fact]
    public void SourcesAssembly_ReferencesCoreButNoStorageOrPlatform()
    {
        var names = typeof(ArxivSource).Assembly.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Contains("ResearchBot.Core", names);
        Assert.DoesNotContain(names, n => n.Contains("Sqlite", StringComparison.OrdinalIgnoreCase) || n == "Dapper" || n.StartsWith("ResearchBot.Storage", StringComparison.Ordinal)
            || n.StartsWith("ResearchBot.Discord", StringComparison.Ordinal) || n.StartsWith("ResearchBot.Slack", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Sources:Arxiv:Enabled", "true", "Sources:Arxiv:Categories")]
    [InlineData("Sources:Arxiv:MinInterval", "00:00:01", "Sources:Arxiv:MinInterval")]
    [InlineData("Sources:Arxiv:Schedule", "every day", "Sources:Arxiv:Schedule")]
    [InlineData("Sources:Arxiv:Harvest", "ftp", "Sources:Arxiv:Harvest")]
    public void ArxivOptions_Invalid_FailNamingTheSetting(string key, string value, string named)
    {
        using var host = new TestHost(new Dictionary<string, string?> { [key] = value });

        var ex = Assert.Throws<OptionsValidationException>(() => host.Get<IOptions<ArxivOptions>>().Value);

        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OpenAlexOptions_EnabledWithoutMailto_Fails()
    {
        using var host = new TestHost(new Dictionary<string, string?> { ["Sources:OpenAlex:Enabled"] = "true" });

        var ex = Assert.Throws<OptionsValidationException>(() => host.Get<IOptions<Sources.OpenAlex.OpenAlexOptions>>().Value);

        Assert.Contains("Sources:OpenAlex:Mailto", ex.Message, StringComparison.Ordinal);
    }
}
