using System.Diagnostics.Metrics;
using ResearchBot.Core.Telemetry;

namespace ResearchBot.Discord.Gateway;

/// <summary>
/// <c>researchbot.gateway.reconnects</c>: gateway connections that ended and are being replaced, tagged
/// <c>close_code</c> (Discord's close code, or <c>none</c> for a dropped link, op 7 or a zombie) and <c>resume</c>.
/// </summary>
public sealed class GatewayMetrics
{
    private readonly Counter<long> _reconnects;

    public GatewayMetrics(IMeterFactory meterFactory)
    {
        _reconnects = ResearchBotMeter.Create(meterFactory)
            .CreateCounter<long>("researchbot.gateway.reconnects", "{reconnect}", "Discord gateway reconnects, by close code and whether the session resumes.");
    }

    public void Reconnect(int? closeCode, bool resume) =>
        _reconnects.Add(1, new KeyValuePair<string, object?>("close_code", closeCode?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"), new KeyValuePair<string, object?>("resume", resume));
}
