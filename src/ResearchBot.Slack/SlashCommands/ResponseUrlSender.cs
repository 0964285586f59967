using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using ResearchBot.Slack.Rendering;
using ResearchBot.Slack.WebApi;
using ResearchBot.Transport.Http;

namespace ResearchBot.Slack.SlashCommands;

/// <summary>
/// Posts follow-ups to a command's <c>response_url</c> within Slack's limits: at most 5 posts within 30 minutes of
/// the command. Beyond them it reports <see cref="ResponseUrlExpiredException"/> so the caller can fall back.
/// </summary>
public sealed class ResponseUrlSender(HttpClient http, TimeProvider timeProvider)
{
    public const int MaxUses = 5;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    private readonly ConcurrentDictionary<string, Usage> _usage = new(StringComparer.Ordinal);

    /// <summary>Call when the command arrives, so the 30 minutes count from Slack's send, not from our first post.</summary>
    public void Register(string responseUrl) => _usage.TryAdd(responseUrl, new Usage(timeProvider.GetUtcNow()));

    public async Task PostAsync(string responseUrl, SlackResponseBody body, CancellationToken cancellationToken)
    {
        Prune();
        var usage = _usage.GetOrAdd(responseUrl, _ => new Usage(timeProvider.GetUtcNow()));
        if (timeProvider.GetUtcNow() - usage.Received > Lifetime)
        {
            throw new ResponseUrlExpiredException("response_url is older than 30 minutes");
        }

        if (Interlocked.Increment(ref usage.Uses) > MaxUses)
        {
            throw new ResponseUrlExpiredException("response_url has been used 5 times");
        }

        if (!Uri.TryCreate(responseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
        {
            throw new SlackApiException("response_url", "invalid_response_url");
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, uri)
        {
            Content = new StringContent(JsonSerializer.Serialize(body, SlackJson.Options), Encoding.UTF8, "application/json"),
        };
        request.WithIdempotency(false).WithOperation("response_url"); // the URL itself is a credential: never logged
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new SlackTransportException("response_url", "connection failed", ex.HttpRequestError != HttpRequestError.ConnectionError, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            // Slack:RequestTimeout ran out (the transport ring's attempt timeout); Slack may have shown the answer.
            throw new SlackTransportException("response_url", "timeout", mayHaveBeenDelivered: true, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                var code = text.Length is > 0 and < 64 && text.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') ? text : $"http_{(int)response.StatusCode}";
                throw code is "expired_url" or "used_url"
                    ? new ResponseUrlExpiredException(code)
                    : new SlackApiException("response_url", code);
            }
        }
    }

    private void Prune()
    {
        var cutoff = timeProvider.GetUtcNow() - Lifetime - TimeSpan.FromMinutes(5);
        foreach (var (url, usage) in _usage)
        {
            if (usage.Received < cutoff)
            {
                _usage.TryRemove(url, out _);
            }
        }
    }

    private sealed class Usage(DateTimeOffset received)
    {
        public DateTimeOffset Received { get; } = received;
#pragma warning disable SA1401, CA1051 // Interlocked needs a field.
        public int Uses;
#pragma warning restore SA1401, CA1051
    }
}
