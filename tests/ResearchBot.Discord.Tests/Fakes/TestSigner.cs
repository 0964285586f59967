using System.Text;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace ResearchBot.Discord.Tests.Fakes;

/// <summary>Signs interaction requests the way Discord does, with a fresh Ed25519 key.</summary>
public sealed class TestSigner
{
    private readonly Ed25519PrivateKeyParameters _private;

    public TestSigner()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        _private = (Ed25519PrivateKeyParameters)pair.Private;
        PublicKeyHex = Convert.ToHexStringLower(((Ed25519PublicKeyParameters)pair.Public).GetEncoded());
    }

    public string PublicKeyHex { get; }

    public string Sign(string timestamp, string body)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _private);
        var bytes = Encoding.UTF8.GetBytes(timestamp + body);
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return Convert.ToHexStringLower(signer.GenerateSignature());
    }
}
