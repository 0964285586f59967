namespace ResearchBot.Transport.Http;

/// <summary>
/// Bounds one attempt, body included, on the injected clock. It buffers the body inside the bound, so a server that
/// sends headers and then stalls, or cuts the body off, fails this attempt (and the retry pipeline above may try again).
/// A timeout surfaces as <see cref="TaskCanceledException"/> wrapping <see cref="TimeoutException"/>, as HttpClient's own does.
/// </summary>
public sealed class AttemptTimeoutHandler(TimeSpan timeout, TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        HttpResponseMessage? response = null;
        try
        {
            response = await base.SendAsync(request, linked.Token);
            await response.Content.LoadIntoBufferAsync(linked.Token);
            return response;
        }
        catch (Exception ex) when (ex is OperationCanceledException or HttpRequestException or IOException
            && timer.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            response?.Dispose();
            throw new TaskCanceledException($"{request.OperationOf()} timed out after {timeout.TotalSeconds:0.###} s.", new TimeoutException(ex.Message, ex));
        }
        catch
        {
            response?.Dispose();
            throw;
        }
    }
}
