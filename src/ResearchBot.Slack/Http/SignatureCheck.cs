namespace ResearchBot.Slack.Http;

/// <summary>Outcome of checking a request's v0 signature.</summary>
public enum SignatureCheck
{
    Valid,
    MissingHeaders,
    BadTimestamp,
    Stale,
    Mismatch,
}
