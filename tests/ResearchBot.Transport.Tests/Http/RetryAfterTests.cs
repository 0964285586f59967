using System.Net;
using ResearchBot.Transport.Http;

namespace ResearchBot.Transport.Tests.Http;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("7", 7.0)]
    [InlineData("0", 0.0)]
    [InlineData("Tue, 01 Dec 2026 12:00:30 GMT", 30.0)]
    [InlineData("Tue, 01 Dec 2026 11:59:00 GMT", 0.0)]
    public void Read_EitherForm_SecondsFromNow(string header, double seconds)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.TryAddWithoutValidation("Retry-After", header);

        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfter.Read(response, Now));
    }

    [Fact]
    public void Read_NoHeader_Null()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Null(RetryAfter.Read(response, Now));
    }
}
