using ResearchBot.Sources.Snapshot;
using ResearchBot.Sources.Tests.Support;

namespace ResearchBot.Sources.Tests.Snapshot;

public class SnapshotFormatTests
{
    private static readonly string[] Lines = Fixture.Text("kaggle_arxiv_metadata_snapshot_first25.jsonl").Split('\n', StringSplitOptions.RemoveEmptyEntries);

    [Fact]
    public void Parse_RecordedLines_AllReadAsSnapshotRecords()
    {
        var records = Lines.Select(l => PaperLine.Parse(l, out _)).ToList();

        Assert.Equal(25, records.Count(r => r is not null));
        Assert.All(records, r => Assert.Equal("snapshot", r!.Source));
    }

    [Fact]
    public void Parse_FirstRecord_TexNamesVersionsAndDates()
    {
        var r = PaperLine.Parse(Lines[0], out _)!;

        Assert.Equal("0704.0001", r.ArxivId);
        Assert.Equal("C. Balázs", r.Authors[0]);
        Assert.Equal(4, r.Authors.Length);
        Assert.Equal(2, r.ArxivVersion);
        Assert.Equal(new DateOnly(2007, 4, 2), r.Published);
        Assert.Equal(new DateOnly(2008, 11, 26), r.Updated);
        Assert.Equal("10.1103/PhysRevD.76.013009", r.Doi);
        Assert.Equal("Phys.Rev.D76:013009,2007", r.Venue);
    }

    [Fact]
    public void Parse_CrossListed_KeepsPrimaryFirst()
    {
        var r = PaperLine.Parse(Lines.Single(l => l.Contains("\"0704.0021\"", StringComparison.Ordinal)), out _)!;

        Assert.Equal(["nlin.PS", "physics.chem-ph", "q-bio.MN"], r.Categories);
    }

    [Fact]
    public void Parse_SuffixInParsedAuthors_IsKeptAfterTheName()
    {
        var withSuffix = Lines.Select(l => PaperLine.Parse(l, out _)!).SelectMany(r => r.Authors).Where(a => a.EndsWith(" II", StringComparison.Ordinal));

        Assert.NotEmpty(withSuffix);
    }

    [Theory]
    [InlineData("{\"id\":\"0704.0001\",\"versions\":[]}", "has no title")]
    [InlineData("{\"id\":\"nonsense\",\"title\":\"x\",\"versions\":[]}", "not an arXiv id")]
    [InlineData("{\"id\":\"0704.00", "malformed JSON")]
    [InlineData("[1,2]", "neither")]
    public void Parse_BadLine_ReturnsNullWithReason(string line, string reason)
    {
        Assert.Null(PaperLine.Parse(line, out var why));
        Assert.Contains(reason, why, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DemoFormatLine_IsDetected()
    {
        var r = PaperLine.Parse("{\"title\":\"Demo paper\",\"authors\":[\"A. B\"],\"published\":\"2020\",\"category\":\"LG\"}", out _)!;

        Assert.Equal("seed", r.Source);
        Assert.Equal("cs.LG", r.Categories[0]);
    }
}
