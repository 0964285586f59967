using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using ResearchBot.Discord.Http;
using ResearchBot.Discord.Tests.Fakes;
using ResearchBot.TestKit;

namespace ResearchBot.Discord.Tests.Http;

public sealed class InteractionsEndpointTests
{
    private const string Ping = """{"id":"1","application_id":"42","type":1,"token":"t","version":1}""";

    private static async Task<(TestRig Rig, InteractionsEndpoint Endpoint, HttpClient Client, DiscordRequestSigner Signer)> StartAsync()
    {
        var signer = new DiscordRequestSigner();
        var rig = await TestRig.StartAsync(o =>
        {
            o.Mode = DiscordOptions.HttpMode;
            o.PublicKey = signer.PublicKeyHex;
            o.HttpUrl = "http://127.0.0.1:0";
        });
        var endpoint = new InteractionsEndpoint(rig.Handler, Options.Create(rig.Options), rig.Time, NullLoggerFactory.Instance);
        await endpoint.StartAsync(CancellationToken.None);
        var client = new HttpClient { BaseAddress = endpoint.BoundAddress, Timeout = TimeSpan.FromSeconds(10) };
        return (rig, endpoint, client, signer);
    }

    private static HttpRequestMessage Request(string body, string? timestamp, string? signature)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/interactions") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (timestamp is not null)
        {
            request.Headers.Add("X-Signature-Timestamp", timestamp);
        }

        if (signature is not null)
        {
            request.Headers.Add("X-Signature-Ed25519", signature);
        }

        return request;
    }

    private static string Now(TestRig rig, TimeSpan offset = default) =>
        (rig.Time.GetUtcNow() + offset).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Post_SignedPing_Answers200Pong()
    {
        var (rig, endpoint, client, signer) = await StartAsync();
        await using var _ = rig;
        await using var __ = endpoint;
        var ts = Now(rig);

        using var response = await client.SendAsync(Request(Ping, ts, signer.Sign(ts, Ping)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"type":1}""", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_SignedCommand_AnswersInline()
    {
        var (rig, endpoint, client, signer) = await StartAsync();
        await using var _ = rig;
        await using var __ = endpoint;
        const string body = """{"id":"2","application_id":"42","type":2,"token":"t","guild_id":"5","channel_id":"6","member":{"user":{"id":"7"},"permissions":"0"},"data":{"name":"ping","type":1}}""";
        var ts = Now(rig);

        using var response = await client.SendAsync(Request(body, ts, signer.Sign(ts, body)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(4, doc.RootElement.GetProperty("type").GetInt32());
    }

    [Fact]
    public async Task Post_ForgedSignature_Is401()
    {
        var (rig, endpoint, client, _) = await StartAsync();
        await using var __ = rig;
        await using var ___ = endpoint;
        var ts = Now(rig);

        using var response = await client.SendAsync(Request(Ping, ts, new DiscordRequestSigner().Sign(ts, Ping)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_TamperedBody_Is401()
    {
        var (rig, endpoint, client, signer) = await StartAsync();
        await using var _ = rig;
        await using var __ = endpoint;
        var ts = Now(rig);

        using var response = await client.SendAsync(Request(Ping.Replace("\"t\"", "\"u\"", StringComparison.Ordinal), ts, signer.Sign(ts, Ping)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData(-10)]
    [InlineData(10)]
    public async Task Post_StaleOrFutureTimestamp_Is401(int minutes)
    {
        var (rig, endpoint, client, signer) = await StartAsync();
        await using var _ = rig;
        await using var __ = endpoint;
        var ts = Now(rig, TimeSpan.FromMinutes(minutes));

        using var response = await client.SendAsync(Request(Ping, ts, signer.Sign(ts, Ping)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_MissingHeaders_Is401()
    {
        var (rig, endpoint, client, _) = await StartAsync();
        await using var __ = rig;
        await using var ___ = endpoint;

        using var response = await client.SendAsync(Request(Ping, null, null));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
