using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ResearchBot.Similarity.Onnx;

/// <summary>
/// Dynamic int8 quantisation of an ONNX graph in memory, at load time: every <c>MatMul</c> whose second input is a 2-D
/// float weight becomes ONNX Runtime's <c>com.microsoft.DynamicQuantizeMatMul</c> with symmetric per-column int8 weights
/// (activations are quantised per batch at run time). What <c>onnxruntime.quantization.quantize_dynamic</c> does for
/// MatMul, without Python or a second model file: the packaged float model stays the one source of truth.
/// Only the few protobuf fields involved are read; everything else is copied byte for byte.
/// </summary>
internal static class Int8Quantizer
{
    private const int FloatType = 1;
    private const int Int8Type = 3;

    /// <summary>The quantised model and how many MatMul nodes were rewritten (0: the model is returned unchanged).</summary>
    public static (byte[] Model, int Rewritten) Quantize(byte[] model)
    {
        var graphField = Fields(model).FirstOrDefault(f => f.Number == 7 && f.Wire == 2);
        if (graphField.Length == 0)
        {
            return (model, 0);
        }

        var graph = model.AsSpan(graphField.Start, graphField.Length).ToArray();
        var initializers = new Dictionary<string, (int Start, int Length)>(StringComparer.Ordinal);
        foreach (var f in Fields(graph).Where(f => f.Number == 5 && f.Wire == 2))
        {
            var name = Fields(graph.AsSpan(f.Start, f.Length).ToArray()).Where(x => x.Number == 8).Select(x => Encoding.UTF8.GetString(graph, f.Start + x.Start, x.Length)).FirstOrDefault();
            if (name is not null)
            {
                initializers[name] = (f.Start, f.Length);
            }
        }

        var newGraph = new ProtoWriter();
        var extra = new ProtoWriter();
        var rewritten = 0;
        foreach (var f in Fields(graph))
        {
            if (f.Number == 1 && f.Wire == 2 && TryRewrite(graph.AsSpan(f.Start, f.Length).ToArray(), graph, initializers, extra) is { } node)
            {
                newGraph.Bytes(1, node);
                rewritten++;
            }
            else
            {
                newGraph.Raw(graph.AsSpan(f.TagStart, f.End - f.TagStart));
            }
        }

        if (rewritten == 0)
        {
            return (model, 0);
        }

        newGraph.Raw(extra.ToArray());
        var result = new ProtoWriter();
        var hasDomain = false;
        foreach (var f in Fields(model))
        {
            if (f.Number == 7 && f.Wire == 2)
            {
                result.Bytes(7, newGraph.ToArray());
            }
            else
            {
                if (f.Number == 8 && f.Wire == 2 && Fields(model.AsSpan(f.Start, f.Length).ToArray()).Any(x => x.Number == 1 && Encoding.UTF8.GetString(model, f.Start + x.Start, x.Length) == "com.microsoft"))
                {
                    hasDomain = true;
                }

                result.Raw(model.AsSpan(f.TagStart, f.End - f.TagStart));
            }
        }

        if (!hasDomain)
        {
            var opset = new ProtoWriter();
            opset.String(1, "com.microsoft");
            opset.Varint(2, 1);
            result.Bytes(8, opset.ToArray());
        }

        return (result.ToArray(), rewritten);
    }

    private static byte[]? TryRewrite(byte[] node, byte[] graph, Dictionary<string, (int Start, int Length)> initializers, ProtoWriter extra)
    {
        var fields = Fields(node);
        string Str(Field f) => Encoding.UTF8.GetString(node, f.Start, f.Length);
        var op = fields.Where(f => f.Number == 4).Select(Str).FirstOrDefault();
        var domain = fields.Where(f => f.Number == 7).Select(Str).FirstOrDefault() ?? "";
        var inputs = fields.Where(f => f.Number == 1).Select(Str).ToList();
        if (op != "MatMul" || domain.Length > 0 || inputs.Count != 2 || !initializers.TryGetValue(inputs[1], out var init))
        {
            return null;
        }

        var tensor = graph.AsSpan(init.Start, init.Length).ToArray();
        var tf = Fields(tensor);
        var dims = new List<long>();
        foreach (var d in tf.Where(f => f.Number == 1))
        {
            if (d.Wire == 0)
            {
                dims.Add((long)d.Value);
            }
            else
            {
                var pos = d.Start;
                while (pos < d.Start + d.Length)
                {
                    dims.Add((long)ReadVarint(tensor, ref pos));
                }
            }
        }

        var type = tf.Where(f => f.Number == 2).Select(f => (int)f.Value).FirstOrDefault();
        if (type != FloatType || dims.Count != 2)
        {
            return null;
        }

        var (rows, cols) = ((int)dims[0], (int)dims[1]);
        var data = tf.Where(f => (f.Number == 9 || f.Number == 4) && f.Wire == 2).Select(f => tensor.AsSpan(f.Start, f.Length).ToArray()).FirstOrDefault();
        if (data is null || data.Length != rows * cols * 4)
        {
            return null;
        }

        var weights = new float[rows * cols];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = BinaryPrimitives.ReadSingleLittleEndian(data.AsSpan(i * 4));
        }

        // Symmetric per column (output channel): q = round(w / s), s = max |w| / 127, zero point 0.
        var scales = new float[cols];
        for (var c = 0; c < cols; c++)
        {
            var max = 0f;
            for (var r = 0; r < rows; r++)
            {
                max = Math.Max(max, Math.Abs(weights[r * cols + c]));
            }

            scales[c] = max > 0 ? max / 127f : 1f;
        }

        var q = new byte[rows * cols];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < cols; c++)
            {
                q[r * cols + c] = (byte)(sbyte)Math.Clamp(MathF.Round(weights[r * cols + c] / scales[c]), -127f, 127f);
            }
        }

        var scaleBytes = new byte[cols * 4];
        for (var c = 0; c < cols; c++)
        {
            BinaryPrimitives.WriteSingleLittleEndian(scaleBytes.AsSpan(c * 4), scales[c]);
        }

        var baseName = inputs[1];
        extra.Bytes(5, Tensor(baseName + "_int8", Int8Type, [rows, cols], q));
        extra.Bytes(5, Tensor(baseName + "_int8_scale", FloatType, [cols], scaleBytes));
        extra.Bytes(5, Tensor(baseName + "_int8_zero", Int8Type, [cols], new byte[cols]));
        var rewritten = new ProtoWriter();
        foreach (var s in new[] { inputs[0], baseName + "_int8", baseName + "_int8_scale", baseName + "_int8_zero" })
        {
            rewritten.String(1, s);
        }

        foreach (var f in fields.Where(f => f.Number == 2))
        {
            rewritten.String(2, Str(f));
        }

        rewritten.String(3, (fields.Where(f => f.Number == 3).Select(Str).FirstOrDefault() ?? baseName) + "_int8");
        rewritten.String(4, "DynamicQuantizeMatMul");
        rewritten.String(7, "com.microsoft");
        return rewritten.ToArray();
    }

    private static byte[] Tensor(string name, int type, long[] dims, byte[] raw)
    {
        var w = new ProtoWriter();
        foreach (var d in dims)
        {
            w.Varint(1, (ulong)d);
        }

        w.Varint(2, (ulong)type);
        w.String(8, name);
        w.Bytes(9, raw);
        return w.ToArray();
    }

    /// <summary>One field of a protobuf message: its number, wire type, where its value lies (length-delimited) or its value (varint).</summary>
    private readonly record struct Field(int Number, int Wire, int TagStart, int Start, int Length, ulong Value, int End);

    private static List<Field> Fields(byte[] message)
    {
        var fields = new List<Field>();
        var pos = 0;
        while (pos < message.Length)
        {
            var tagStart = pos;
            var tag = ReadVarint(message, ref pos);
            var number = (int)(tag >> 3);
            var wire = (int)(tag & 7);
            switch (wire)
            {
                case 0:
                    var v = ReadVarint(message, ref pos);
                    fields.Add(new Field(number, wire, tagStart, pos, 0, v, pos));
                    break;
                case 1:
                    fields.Add(new Field(number, wire, tagStart, pos, 8, 0, pos + 8));
                    pos += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message, ref pos);
                    fields.Add(new Field(number, wire, tagStart, pos, length, 0, pos + length));
                    pos += length;
                    break;
                case 5:
                    fields.Add(new Field(number, wire, tagStart, pos, 4, 0, pos + 4));
                    pos += 4;
                    break;
                default:
                    throw new InvalidDataException($"Unsupported protobuf wire type {wire} in the ONNX model.");
            }

            if (pos > message.Length)
            {
                throw new InvalidDataException("The ONNX model is truncated.");
            }
        }

        return fields;
    }

    private static ulong ReadVarint(byte[] data, ref int pos)
    {
        ulong result = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = data[pos++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return result;
            }
        }

        throw new InvalidDataException("A malformed varint in the ONNX model.");
    }

    private sealed class ProtoWriter
    {
        private readonly ArrayBufferWriter<byte> _stream = new(1 << 16);

        public void Raw(ReadOnlySpan<byte> bytes) => _stream.Write(bytes);

        public void Varint(int number, ulong value)
        {
            WriteVarint((ulong)number << 3);
            WriteVarint(value);
        }

        public void String(int number, string value) => Bytes(number, Encoding.UTF8.GetBytes(value));

        public void Bytes(int number, byte[] value)
        {
            WriteVarint(((ulong)number << 3) | 2);
            WriteVarint((ulong)value.Length);
            _stream.Write(value);
        }

        public byte[] ToArray() => _stream.WrittenSpan.ToArray();

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _stream.Write([(byte)(value | 0x80)]);
                value >>= 7;
            }

            _stream.Write([(byte)value]);
        }
    }
}
