using System.Buffers.Binary;
using System.IO.Compression;

namespace ResearchBot.Sources.Charts;

/// <summary>
/// A tiny RGB canvas that encodes itself as PNG (IHDR, one zlib IDAT, IEND; filter 0 on every row) with no native
/// dependencies, so charts render the same on any Linux image.
/// </summary>
public sealed class PngImage(int width, int height)
{
    private static readonly uint[] CrcTable = BuildCrcTable();
    private readonly byte[] _pixels = new byte[width * height * 3];

    public int Width { get; } = width;

    public int Height { get; } = height;

    public void Fill(int x, int y, int w, int h, (byte R, byte G, byte B) color)
    {
        for (var yy = Math.Max(0, y); yy < Math.Min(Height, y + h); yy++)
        {
            for (var xx = Math.Max(0, x); xx < Math.Min(Width, x + w); xx++)
            {
                var i = ((yy * Width) + xx) * 3;
                _pixels[i] = color.R;
                _pixels[i + 1] = color.G;
                _pixels[i + 2] = color.B;
            }
        }
    }

    public (byte R, byte G, byte B) Get(int x, int y)
    {
        var i = ((y * Width) + x) * 3;
        return (_pixels[i], _pixels[i + 1], _pixels[i + 2]);
    }

    public byte[] Encode()
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour RGB
        WriteChunk(png, "IHDR", header);
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.Optimal, leaveOpen: true))
            {
                for (var y = 0; y < Height; y++)
                {
                    z.WriteByte(0);
                    z.Write(_pixels, y * Width * 3, Width * 3);
                }
            }

            WriteChunk(png, "IDAT", raw.ToArray());
        }

        WriteChunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void WriteChunk(Stream s, string type, byte[] data)
    {
        Span<byte> four = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(four, data.Length);
        s.Write(four);
        var typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        var crc = Crc(Crc(0xFFFFFFFFu, typeBytes), data) ^ 0xFFFFFFFFu;
        BinaryPrimitives.WriteUInt32BigEndian(four, crc);
        s.Write(four);
    }

    private static uint Crc(uint crc, byte[] data)
    {
        foreach (var b in data)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
