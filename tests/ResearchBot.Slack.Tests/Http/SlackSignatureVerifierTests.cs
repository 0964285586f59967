using System.Text;
using Microsoft.Extensions.Time.Testing;
using ResearchBot.Slack.Http;
using ResearchBot.Slack.Tests.Support;

namespace ResearchBot.Slack.Tests.Http;

/// <summary>v0 signing per SDOCS authentication/verifying-requests-from-slack, with its published worked example.</summary>
public sealed class SlackSignatureVerifierTests
{
    private static readonly Dictionary<string, string> Vector = Fixture.SigningVector();
    private static readonly long VectorTimestamp = long.Parse(Vector["X-Slack-Request-Timestamp"], System.Globalization.CultureInfo.InvariantCulture);

    private static SlackSignatureVerifier At(long unixSeconds) =>
        new(new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(unixSeconds)));

    private static byte[] Body => Encoding.UTF8.GetBytes(Vector["body"]);

    [Fact]
    public void Sign_SlackDocsExample_ReproducesPublishedSignature()
    {
        Assert.Equal(Vector["X-Slack-Signature"], SlackSignatureVerifier.Sign(Vector["signing_secret"], Vector["X-Slack-Request-Timestamp"], Body));
    }

    [Fact]
    public void Verify_SlackDocsExample_IsValid()
    {
        var check = At(VectorTimestamp).Verify(Vector["signing_secret"], Vector["X-Slack-Request-Timestamp"], Vector["X-Slack-Signature"], Body);

        Assert.Equal(SignatureCheck.Valid, check);
    }

    [Theory]
    [InlineData(-300, SignatureCheck.Valid)]
    [InlineData(300, SignatureCheck.Valid)]
    [InlineData(-301, SignatureCheck.Stale)]
    [InlineData(301, SignatureCheck.Stale)]
    public void Verify_ClockSkewAtFiveMinuteEdges_RefusesBeyondBothWays(int skewSeconds, SignatureCheck expected)
    {
        var check = At(VectorTimestamp + skewSeconds).Verify(Vector["signing_secret"], Vector["X-Slack-Request-Timestamp"], Vector["X-Slack-Signature"], Body);

        Assert.Equal(expected, check);
    }

    [Fact]
    public void Verify_AlteredBody_IsMismatch()
    {
        var altered = Encoding.UTF8.GetBytes(Vector["body"].Replace("channel_name=foobar", "channel_name=foobaz", StringComparison.Ordinal));

        var check = At(VectorTimestamp).Verify(Vector["signing_secret"], Vector["X-Slack-Request-Timestamp"], Vector["X-Slack-Signature"], altered);

        Assert.Equal(SignatureCheck.Mismatch, check);
    }

    [Fact]
    public void Verify_SignatureFromAnotherSecret_IsMismatch()
    {
        var forged = SlackSignatureVerifier.Sign("not-the-secret", Vector["X-Slack-Request-Timestamp"], Body);

        var check = At(VectorTimestamp).Verify(Vector["signing_secret"], Vector["X-Slack-Request-Timestamp"], forged, Body);

        Assert.Equal(SignatureCheck.Mismatch, check);
    }

    [Fact]
    public void Verify_TimestampChangedAfterSigning_IsMismatch()
    {
        var replayed = (VectorTimestamp + 60).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var check = At(VectorTimestamp + 60).Verify(Vector["signing_secret"], replayed, Vector["X-Slack-Signature"], Body);

        Assert.Equal(SignatureCheck.Mismatch, check);
    }

    [Theory]
    [InlineData(null, "v0=abc", SignatureCheck.MissingHeaders)]
    [InlineData("1531420618", null, SignatureCheck.MissingHeaders)]
    [InlineData("not-a-number", "v0=abc", SignatureCheck.BadTimestamp)]
    [InlineData("-5", "v0=abc", SignatureCheck.BadTimestamp)]
    public void Verify_MissingOrMalformedHeaders_Refused(string? timestamp, string? signature, SignatureCheck expected)
    {
        Assert.Equal(expected, At(VectorTimestamp).Verify(Vector["signing_secret"], timestamp, signature, Body));
    }
}
