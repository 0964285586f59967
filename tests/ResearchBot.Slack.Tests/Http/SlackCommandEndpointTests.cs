using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ResearchBot.Slack.Http;
using ResearchBot.Slack.Tests.Support;

namespace ResearchBot.Slack.Tests.Http;

/// <summary>The real Kestrel endpoint on 127.0.0.1:0, signed and unsigned requests, through AddSlackAdapter.</summary>
public sealed class SlackCommandEndpointTests : IAsyncLifetime
{
    private const string Secret = "test-signing-secret";
    private readonly CancellationTokenSource _stop = new();
    private SlackTestHost _host = null!;
    private Task _server = null!;
    private HttpClient _http = null!;

    public async ValueTask InitializeAsync()
    {
        _host = SlackTestHost.Create(null, [TestCommand.Echo(), TestCommand.Echo("author"), TestCommand.Blocking("search", quick: false, TimeSpan.FromSeconds(5))], new Dictionary<string, string?> { ["Slack:Mode"] = "Http" });
        var server = _host.Get<SlackHttpServer>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Listening += uri => listening.TrySetResult(uri);
        _server = Task.Run(() => server.RunAsync(_stop.Token));
        _http = new HttpClient { BaseAddress = await listening.Task.WaitAsync(TimeSpan.FromSeconds(20)) };
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _server.WaitAsync(TimeSpan.FromSeconds(10), CancellationToken.None);
        _http.Dispose();
        await _host.DisposeAsync();
        _stop.Dispose();
    }

    private string Now => _host.Time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    private async Task<HttpResponseMessage> PostAsync(string body, string? timestamp, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, SlackCommandEndpoint.Path)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        if (timestamp is not null)
        {
            request.Headers.Add("X-Slack-Request-Timestamp", timestamp);
        }

        if (signature is not null)
        {
            request.Headers.Add("X-Slack-Signature", signature);
        }

        return await _http.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static string Form(string command, string text) =>
        $"token=ignored&team_id=T1&team_domain=x&channel_id=C1&channel_name=general&user_id=U1&user_name=u&command={Uri.EscapeDataString(command)}&text={Uri.EscapeDataString(text)}&api_app_id=A1&is_enterprise_install=false&response_url={Uri.EscapeDataString("https://hooks.slack.com/commands/T1/1/abc")}&trigger_id=1.2.3";

    [Fact]
    public async Task Post_SignedQuickCommand_Answers200WithBlockKitInChannel()
    {
        var body = Form("/author", "Kording <!here>");

        using var response = await PostAsync(body, Now, SlackSignatureVerifier.Sign(Secret, Now, Encoding.UTF8.GetBytes(body)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("in_channel", (string?)json["response_type"]);
        Assert.Equal("echo: Kording &lt;!here&gt;", (string?)json["blocks"]![0]!["text"]!["text"]);
    }

    [Fact]
    public async Task Post_CommandBlockingItsThreadFor5s_Answers200Within300ms()
    {
        // The follow-up goes to a closed loopback port: this test is about the ack, and never leaves the machine.
        var body = Form("/search", "spikes").Replace(Uri.EscapeDataString("https://hooks.slack.com/commands/T1/1/abc"), Uri.EscapeDataString("http://127.0.0.1:9/response"), StringComparison.Ordinal);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        using var response = await PostAsync(body, Now, SlackSignatureVerifier.Sign(Secret, Now, Encoding.UTF8.GetBytes(body)));

        Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(300), $"200 left after {clock.Elapsed.TotalMilliseconds} ms");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Post_UmbrellaForm_SameAnswerAsDirectCommand()
    {
        var body = Form("/researchbot", "author Kording");

        using var response = await PostAsync(body, Now, SlackSignatureVerifier.Sign(Secret, Now, Encoding.UTF8.GetBytes(body)));

        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("echo: Kording", (string?)json["blocks"]![0]!["text"]!["text"]);
    }

    [Fact]
    public async Task Post_Unsigned_401()
    {
        using var response = await PostAsync(Form("/author", "x"), null, null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_BodyAlteredAfterSigning_401()
    {
        var signed = Form("/author", "x");
        var signature = SlackSignatureVerifier.Sign(Secret, Now, Encoding.UTF8.GetBytes(signed));

        using var response = await PostAsync(signed.Replace("user_id=U1", "user_id=U2", StringComparison.Ordinal), Now, signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_StaleTimestamp_401()
    {
        var body = Form("/author", "x");
        var old = (_host.Time.GetUtcNow().ToUnixTimeSeconds() - 301).ToString(CultureInfo.InvariantCulture);

        using var response = await PostAsync(body, old, SlackSignatureVerifier.Sign(Secret, old, Encoding.UTF8.GetBytes(body)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Post_SslCheck_200WithEmptyBody()
    {
        const string body = "ssl_check=1&token=ignored";

        using var response = await PostAsync(body, Now, SlackSignatureVerifier.Sign(Secret, Now, Encoding.UTF8.GetBytes(body)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Post_DocsFormBodyFixture_ParsedAndAnsweredEphemeralForUnknownCommand()
    {
        // The docs print the body with unencoded "/" and ":"; a real form decoder copes (fixtures README).
        var body = Fixture.Read("slack_docs_slash_command_form_body_example.txt").Trim();

        using var response = await PostAsync(body, Now, SlackSignatureVerifier.Sign(Secret, Now, Encoding.UTF8.GetBytes(body)));

        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Equal("ephemeral", (string?)json["response_type"]);
        Assert.Contains("/weather", (string?)json["text"], StringComparison.Ordinal);
    }
}
