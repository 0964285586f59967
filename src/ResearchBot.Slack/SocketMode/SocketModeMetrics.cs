using System.Diagnostics.Metrics;
using ResearchBot.Core.Telemetry;

namespace ResearchBot.Slack.SocketMode;

/// <summary>
/// <c>researchbot.socket.reconnects</c>: Socket Mode connections opened to replace another, tagged <c>reason</c>:
/// <c>warning</c> (Slack announced the link would go), <c>refresh_requested</c>, <c>dropped</c> or <c>connect_failed</c>.
/// </summary>
public sealed class SocketModeMetrics
{
    public const string Warning = "warning";
    public const string RefreshRequested = "refresh_requested";
    public const string Dropped = "dropped";
    public const string ConnectFailed = "connect_failed";

    private readonly Counter<long> _reconnects;

    public SocketModeMetrics(IMeterFactory meterFactory)
    {
        _reconnects = ResearchBotMeter.Create(meterFactory)
            .CreateCounter<long>("researchbot.socket.reconnects", "{reconnect}", "Slack Socket Mode reconnects, by reason.");
    }

    public void Reconnect(string reason) => _reconnects.Add(1, new KeyValuePair<string, object?>("reason", reason));
}
