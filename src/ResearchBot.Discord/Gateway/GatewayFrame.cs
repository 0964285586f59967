using System.Text.Json;

namespace ResearchBot.Discord.Gateway;

/// <summary>One received gateway payload <c>{op, d, s, t}</c>; <see cref="S"/> and <see cref="T"/> are set only on dispatches.</summary>
public sealed record GatewayFrame(int Op, JsonElement D, long? S, string? T)
{
    public static GatewayFrame? Parse(ReadOnlySpan<byte> utf8)
    {
        try
        {
            using var doc = JsonDocument.Parse(utf8.ToArray());
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("op", out var op) || op.ValueKind != JsonValueKind.Number || !op.TryGetInt32(out var opCode))
            {
                return null;
            }

            var d = root.TryGetProperty("d", out var dv) ? dv.Clone() : default;
            long? s = root.TryGetProperty("s", out var sv) && sv.ValueKind == JsonValueKind.Number && sv.TryGetInt64(out var sl) ? sl : null;
            var t = root.TryGetProperty("t", out var tv) && tv.ValueKind == JsonValueKind.String ? tv.GetString() : null;
            return new GatewayFrame(opCode, d, s, t);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
