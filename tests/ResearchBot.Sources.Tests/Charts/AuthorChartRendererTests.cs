using System.Buffers.Binary;
using System.Collections.Immutable;
using System.IO.Compression;
using ResearchBot.Core.Authors;
using ResearchBot.Sources.Charts;

namespace ResearchBot.Sources.Tests.Charts;

public class AuthorChartRendererTests
{
    private static AuthorProfile Profile(params YearCount[] years) => new(1, "Ada Lovelace", [], [], [], [],
        years.Length == 0 ? [] : [new AuthorMetrics { Source = "OpenAlex", CountsByYear = [.. years], RetrievedAt = DateTimeOffset.UnixEpoch }]);

    [Fact]
    public void Render_PerYearCounts_IsAValidPngWithBothSeries()
    {
        var chart = new AuthorChartRenderer().Render(Profile(new YearCount(2020, 2, 10), new YearCount(2021, 0, 0), new YearCount(2022, 5, 300)));

        Assert.NotNull(chart);
        Assert.Equal("image/png", chart.ContentType);
        var png = chart.Content.ToArray();
        Assert.Equal([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal(480, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)));
        var pixels = Inflate(png);
        Assert.Contains("2020–2022", chart.Description, StringComparison.Ordinal);
        Assert.True(ContainsColour(pixels, 66, 114, 196), "papers bars (blue)");
        Assert.True(ContainsColour(pixels, 237, 125, 49), "citation bars (orange)");
    }

    [Fact]
    public void Render_TooLittleData_ReturnsNull() =>
        Assert.Null(new AuthorChartRenderer().Render(Profile(new YearCount(2020, 1, 1))));

    [Fact]
    public void Encode_RoundTrip_PixelsSurviveDeflate()
    {
        var img = new PngImage(3, 2);
        img.Fill(1, 1, 1, 1, (1, 2, 3));

        var pixels = Inflate(img.Encode());

        Assert.Equal(2 * (1 + (3 * 3)), pixels.Length);
        Assert.Equal([1, 2, 3], pixels[(10 + 1 + 3)..(10 + 1 + 6)]);
    }

    /// <summary>Concatenated IDAT data, inflated (filter bytes included).</summary>
    private static byte[] Inflate(byte[] png)
    {
        using var idat = new MemoryStream();
        for (var at = 8; at < png.Length;)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            var type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            if (type == "IDAT")
            {
                idat.Write(png, at + 8, length);
            }

            at += 12 + length;
        }

        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        z.CopyTo(raw);
        return raw.ToArray();
    }

    private static bool ContainsColour(byte[] raw, byte r, byte g, byte b)
    {
        for (var i = 0; i + 2 < raw.Length; i++)
        {
            if (raw[i] == r && raw[i + 1] == g && raw[i + 2] == b)
            {
                return true;
            }
        }

        return false;
    }
}
