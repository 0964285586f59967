using ResearchBot.Slack.Rendering;

namespace ResearchBot.Slack.WebApi;

/// <summary>
/// The body of <c>chat.unfurl</c> (JSON). It targets either a posted message (<see cref="Channel"/> + <see cref="Ts"/>)
/// or a link still in the composer (<see cref="UnfurlId"/> + <see cref="Source"/>), and maps each shared URL, exactly
/// as the <c>link_shared</c> event spelled it, to its preview. Checked against @slack/web-api's <c>ChatUnfurlArguments</c>.
/// </summary>
public sealed record ChatUnfurlRequest(IReadOnlyDictionary<string, UnfurlPreview> Unfurls)
{
    public string? Channel { get; init; }
    public string? Ts { get; init; }
    public string? UnfurlId { get; init; }
    public string? Source { get; init; }

    public static ChatUnfurlRequest ForMessage(string channel, string ts, IReadOnlyDictionary<string, UnfurlPreview> unfurls) =>
        new(unfurls) { Channel = channel, Ts = ts };

    public static ChatUnfurlRequest ForLink(string unfurlId, string source, IReadOnlyDictionary<string, UnfurlPreview> unfurls) =>
        new(unfurls) { UnfurlId = unfurlId, Source = source };
}

/// <summary>One link's preview: Block Kit blocks (an attachment with <c>blocks</c>).</summary>
public sealed record UnfurlPreview(IReadOnlyList<SlackBlock> Blocks);
