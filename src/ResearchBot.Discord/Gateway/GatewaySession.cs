namespace ResearchBot.Discord.Gateway;

/// <summary>What a RESUME needs: the session id, the resume URL from READY, and the last sequence number seen.</summary>
public sealed class GatewaySession
{
    public string? SessionId { get; set; }
    public string? ResumeUrl { get; set; }
    public long? Sequence { get; set; }

    public bool CanResume => SessionId is not null && ResumeUrl is not null;

    public void Clear()
    {
        SessionId = null;
        ResumeUrl = null;
        Sequence = null;
    }
}
