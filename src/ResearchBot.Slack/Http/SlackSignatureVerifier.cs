using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ResearchBot.Slack.Http;

/// <summary>
/// Slack's v0 request signing (SDOCS <c>authentication/verifying-requests-from-slack</c>):
/// <c>v0=hex(HMAC-SHA256(secret, "v0:{timestamp}:{raw body}"))</c>, compared in constant time, and timestamps more
/// than five minutes off in either direction are refused.
/// </summary>
public sealed class SlackSignatureVerifier(TimeProvider timeProvider)
{
    public static readonly TimeSpan MaxSkew = TimeSpan.FromSeconds(300);

    public SignatureCheck Verify(string signingSecret, string? timestampHeader, string? signatureHeader, ReadOnlySpan<byte> rawBody)
    {
        if (string.IsNullOrEmpty(timestampHeader) || string.IsNullOrEmpty(signatureHeader))
        {
            return SignatureCheck.MissingHeaders;
        }

        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return SignatureCheck.BadTimestamp;
        }

        var now = timeProvider.GetUtcNow().ToUnixTimeSeconds();
        if (Math.Abs(now - seconds) > (long)MaxSkew.TotalSeconds)
        {
            return SignatureCheck.Stale;
        }

        var expected = Encoding.ASCII.GetBytes(Sign(signingSecret, timestampHeader, rawBody));
        var given = Encoding.ASCII.GetBytes(signatureHeader.Trim());
        return CryptographicOperations.FixedTimeEquals(expected, given) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    /// <summary>The <c>X-Slack-Signature</c> value for a timestamp and raw body.</summary>
    public static string Sign(string signingSecret, string timestamp, ReadOnlySpan<byte> rawBody)
    {
        var prefix = Encoding.UTF8.GetBytes($"v0:{timestamp}:");
        var message = new byte[prefix.Length + rawBody.Length];
        prefix.CopyTo(message, 0);
        rawBody.CopyTo(message.AsSpan(prefix.Length));
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(signingSecret), message);
        return "v0=" + Convert.ToHexStringLower(mac);
    }
}
