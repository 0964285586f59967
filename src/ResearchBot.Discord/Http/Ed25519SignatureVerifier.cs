using System.Globalization;
using System.Text;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;

namespace ResearchBot.Discord.Http;

/// <summary>
/// Checks <c>X-Signature-Ed25519</c> over <c>UTF8(X-Signature-Timestamp) + raw body</c> with the application's public
/// key, and refuses timestamps outside a tolerance window (optional hardening; Discord's docs do not require it).
/// </summary>
public sealed class Ed25519SignatureVerifier
{
    private readonly Ed25519PublicKeyParameters _key;
    private readonly TimeProvider _timeProvider;
    private readonly TimeSpan _tolerance;

    public Ed25519SignatureVerifier(string publicKeyHex, TimeProvider timeProvider, TimeSpan tolerance)
    {
        _key = new Ed25519PublicKeyParameters(Convert.FromHexString(publicKeyHex));
        _timeProvider = timeProvider;
        _tolerance = tolerance;
    }

    public SignatureCheck Verify(string? timestamp, string? signatureHex, ReadOnlySpan<byte> body)
    {
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(signatureHex))
        {
            return SignatureCheck.Missing;
        }

        if (signatureHex.Length != 128 || !signatureHex.All(char.IsAsciiHexDigit))
        {
            return SignatureCheck.Invalid;
        }

        var signer = new Ed25519Signer();
        signer.Init(false, _key);
        var prefix = Encoding.UTF8.GetBytes(timestamp);
        signer.BlockUpdate(prefix, 0, prefix.Length);
        signer.BlockUpdate(body);
        if (!signer.VerifySignature(Convert.FromHexString(signatureHex)))
        {
            return SignatureCheck.Invalid;
        }

        if (_tolerance > TimeSpan.Zero)
        {
            if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                || seconds > 253_402_300_799
                || (_timeProvider.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(seconds)).Duration() > _tolerance)
            {
                return SignatureCheck.Stale;
            }
        }

        return SignatureCheck.Valid;
    }
}

public enum SignatureCheck
{
    Valid,
    Missing,
    Invalid,
    Stale,
}
