using System.Buffers.Binary;
using SkiaSharp;

namespace ResearchBot.Charts.Tests.Authors;

/// <summary>Reads what the tests check in a chart: the PNG header, and pixels decoded by Skia.</summary>
internal sealed class PngFacts : IDisposable
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private readonly SKBitmap _bitmap;

    public PngFacts(byte[] png)
    {
        Assert.Equal(Signature, png[..8]);
        Assert.Equal("IHDR", System.Text.Encoding.ASCII.GetString(png, 12, 4));
        Width = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16));
        Height = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20));
        _bitmap = SKBitmap.Decode(png) ?? throw new InvalidOperationException("not a decodable PNG");
    }

    public int Width { get; }

    public int Height { get; }

    public SKColor At(int x, int y) => _bitmap.GetPixel(x, y);

    /// <summary>Pixels of exactly this colour (hex <c>#RRGGBB</c>, opaque) inside the rectangle.</summary>
    public int Count(string hex, int left = 0, int top = 0, int right = int.MaxValue, int bottom = int.MaxValue)
    {
        var colour = SKColor.Parse(hex);
        var n = 0;
        for (var y = Math.Max(0, top); y < Math.Min(Height, bottom); y++)
        {
            for (var x = Math.Max(0, left); x < Math.Min(Width, right); x++)
            {
                if (_bitmap.GetPixel(x, y) == colour)
                {
                    n++;
                }
            }
        }

        return n;
    }

    public void Dispose() => _bitmap.Dispose();
}
