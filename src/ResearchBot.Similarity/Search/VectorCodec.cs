using System.Buffers.Binary;
using System.Numerics.Tensors;

namespace ResearchBot.Similarity.Search;

/// <summary>
/// The stored vector format: a little-endian float scale followed by one signed byte per dimension
/// (value ≈ byte · scale; the float vector was L2-normalised before quantisation).
/// </summary>
internal static class VectorCodec
{
    public static byte[] Encode(ReadOnlySpan<float> vector)
    {
        var blob = new byte[4 + vector.Length];
        // MaxMagnitude returns the signed element with the largest magnitude.
        var max = vector.IsEmpty ? 0f : Math.Abs(TensorPrimitives.MaxMagnitude(vector));
        var scale = max > 0 ? max / 127f : 1f;
        BinaryPrimitives.WriteSingleLittleEndian(blob, scale);
        for (var i = 0; i < vector.Length; i++)
        {
            blob[4 + i] = (byte)(sbyte)Math.Clamp((int)MathF.Round(vector[i] / scale), -127, 127);
        }

        return blob;
    }

    public static int Dimensions(ReadOnlySpan<byte> blob) => blob.Length - 4;

    public static float Scale(ReadOnlySpan<byte> blob) => BinaryPrimitives.ReadSingleLittleEndian(blob);

    public static ReadOnlySpan<sbyte> Values(ReadOnlySpan<byte> blob) =>
        System.Runtime.InteropServices.MemoryMarshal.Cast<byte, sbyte>(blob[4..]);

    public static float[] Decode(ReadOnlySpan<byte> blob)
    {
        var scale = Scale(blob);
        var values = Values(blob);
        var result = new float[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            result[i] = values[i] * scale;
        }

        return result;
    }
}
