using System.Diagnostics;
using System.Diagnostics.Metrics;
using ResearchBot.Core.Telemetry;

namespace ResearchBot.Core.Commands;

/// <summary>
/// <c>researchbot.commands</c> (count) and <c>researchbot.command.duration</c> (seconds), both tagged with
/// <c>command</c>, <c>platform</c> and <c>outcome</c> (<see cref="CommandOutcome"/>).
/// </summary>
public sealed class CommandMetrics
{
    /// <summary>The <c>command</c> tag for a name no command has: user input never becomes a tag value.</summary>
    public const string UnknownCommandTag = "unknown";

    private readonly Counter<long> _commands;
    private readonly Histogram<double> _duration;

    public CommandMetrics(IMeterFactory meterFactory)
    {
        var meter = ResearchBotMeter.Create(meterFactory);
        _commands = meter.CreateCounter<long>("researchbot.commands", "{command}", "Commands dispatched, by command, platform and outcome.");
        _duration = ResearchBotMeter.SecondsHistogram(meter, "researchbot.command.duration", "Time from dispatch to reply, by command, platform and outcome.");
    }

    public void Record(string command, string platform, string outcome, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "command", command },
            { "platform", platform },
            { "outcome", outcome },
        };
        _commands.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, tags);
    }
}
