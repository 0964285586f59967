using System.Globalization;
using System.Text;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Security;

namespace ResearchBot.TestKit;

/// <summary>
/// Plays Discord as the client of the HTTP interactions endpoint: a fresh Ed25519 key (give the bot
/// <see cref="PublicKeyHex"/> as <c>Discord:PublicKey</c>) and signed POSTs of interaction bodies.
/// </summary>
public sealed class DiscordRequestSigner
{
    private readonly Ed25519PrivateKeyParameters _private;

    public DiscordRequestSigner()
    {
        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        _private = (Ed25519PrivateKeyParameters)pair.Private;
        PublicKeyHex = Convert.ToHexStringLower(((Ed25519PublicKeyParameters)pair.Public).GetEncoded());
    }

    public string PublicKeyHex { get; }

    /// <summary>The hex signature of timestamp + body.</summary>
    public string Sign(string timestamp, string body)
    {
        var signer = new Ed25519Signer();
        signer.Init(true, _private);
        var bytes = Encoding.UTF8.GetBytes(timestamp + body);
        signer.BlockUpdate(bytes, 0, bytes.Length);
        return Convert.ToHexStringLower(signer.GenerateSignature());
    }

    /// <summary>A signed POST of <paramref name="body"/> to <paramref name="endpoint"/> (…/interactions).</summary>
    public HttpRequestMessage SignedPost(Uri endpoint, string body)
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Signature-Ed25519", Sign(timestamp, body));
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        return request;
    }

    /// <summary>
    /// A guild slash-command interaction (type 2) with string options, sent by a member who may manage the channel.
    /// </summary>
    public static string SlashCommand(string name, string guildId, string channelId, IReadOnlyDictionary<string, string> options, string? interactionId = null)
    {
        var id = interactionId ?? Random.Shared.NextInt64(100_000_000_000_000_000, 999_999_999_999_999_999).ToString(CultureInfo.InvariantCulture);
        var opts = string.Join(',', options.Select(o => "{\"type\":3,\"name\":" + Json(o.Key) + ",\"value\":" + Json(o.Value) + "}"));
        return "{\"type\":2,\"id\":\"" + id + "\",\"application_id\":\"42\",\"token\":\"tok-" + id + "\",\"version\":1,"
            + "\"guild_id\":\"" + guildId + "\",\"channel_id\":\"" + channelId + "\","
            + "\"member\":{\"user\":{\"id\":\"53908232506183680\",\"username\":\"tester\"},\"permissions\":\"2147483647\",\"roles\":[]},"
            + "\"data\":{\"id\":\"771825006014889984\",\"type\":1,\"name\":" + Json(name) + ",\"options\":[" + opts + "]}}";
    }

    private static string Json(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
