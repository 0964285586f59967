namespace ResearchBot.Alerts;

/// <summary>What one delivery pass did.</summary>
public sealed class DeliveryReport
{
    public int Messages { get; set; }
    public int AlertsSent { get; set; }
    public int Retrying { get; set; }
    public int Failed { get; set; }
    public int Uncertain { get; set; }
    public int Resent { get; set; }
    public int WaitingForPlatform { get; set; }
    public int DisabledChannels { get; set; }

    /// <summary>Rows this pass claimed (sent or not): zero means the pass found nothing it could act on.</summary>
    public int Claimed { get; set; }

    public void Add(DeliveryReport other)
    {
        Messages += other.Messages;
        AlertsSent += other.AlertsSent;
        Retrying += other.Retrying;
        Failed += other.Failed;
        Uncertain += other.Uncertain;
        Resent += other.Resent;
        WaitingForPlatform = other.WaitingForPlatform;
        DisabledChannels += other.DisabledChannels;
        Claimed += other.Claimed;
    }
}
