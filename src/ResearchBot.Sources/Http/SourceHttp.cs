using Microsoft.Extensions.Logging;
using ResearchBot.Core.Papers;
using ResearchBot.Transport.Http;

namespace ResearchBot.Sources.Http;

/// <summary>
/// GETs for one source over its named client (see <see cref="SourceHttpRegistration"/>): the transport ring retries
/// 429, 5xx, timeouts and cut-off bodies with back-off (honouring <c>Retry-After</c>), each attempt through the
/// source's <see cref="RequestGate"/>. What is still failing afterwards becomes a <see cref="PaperSourceUnavailableException"/>;
/// other statuses come back to the caller, which knows whether the body is an error report (arXiv's Atom errors).
/// </summary>
public sealed class SourceHttp(string source, HttpClient client, HttpRetryOptions options, TimeProvider timeProvider, ILogger logger)
{
    public string Source { get; } = source;

    /// <exception cref="PaperSourceUnavailableException">Every attempt failed, or the server asked to wait too long.</exception>
    public async Task<SourceResponse> GetAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri).WithOperation(Source);
        var attempts = RequestGateHandler.CountAttempts(request);
        string failure;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!TransportFailure.IsTransient(response.StatusCode))
            {
                return new SourceResponse(response.StatusCode, body);
            }

            failure = TransportFailure.Describe(response.StatusCode);
            if (RetryAfter.Read(response, timeProvider.GetUtcNow()) is { } wait && wait > options.MaxRetryAfter)
            {
                Log.SourceGaveUp(logger, Source, uri.GetLeftPart(UriPartial.Path), attempts.Value, $"{failure}, asked to wait {wait.TotalSeconds:0} s");
                throw new PaperSourceUnavailableException($"{Source} is rate-limiting us; try again in {Math.Ceiling(wait.TotalMinutes)} min.");
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && TransportFailure.IsTransient(ex))
        {
            failure = TransportFailure.Describe(ex);
        }

        Log.SourceGaveUp(logger, Source, uri.GetLeftPart(UriPartial.Path), attempts.Value, failure);
        throw new PaperSourceUnavailableException($"{Source} is not answering right now ({failure}); try again later.");
    }
}
