namespace ResearchBot.Slack;

/// <summary>Section <c>Slack</c>. Secrets may be given inline or as a path in the matching <c>…File</c> key.</summary>
public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary><c>Socket</c> (default) or <c>Http</c>.</summary>
    public SlackMode Mode { get; set; } = SlackMode.Socket;

    /// <summary>Bot user OAuth token, <c>xoxb-…</c>.</summary>
    public string? BotToken { get; set; }

    /// <summary>Path of a file holding the bot token (e.g. a Docker secret).</summary>
    public string? BotTokenFile { get; set; }

    /// <summary>App-level token with <c>connections:write</c>, <c>xapp-…</c>; Socket mode only.</summary>
    public string? AppToken { get; set; }

    public string? AppTokenFile { get; set; }

    /// <summary>Signing secret from the app's Basic Information page; Http mode only.</summary>
    public string? SigningSecret { get; set; }

    public string? SigningSecretFile { get; set; }

    /// <summary>Web API base, <c>https://slack.com/api</c> by default (tests point it at a loopback fake).</summary>
    public string ApiBaseUrl { get; set; } = "https://slack.com/api";

    /// <summary>Where the Http-mode endpoint listens; Slack must reach <c>{this}/slack/commands</c> through your proxy.</summary>
    public string HttpUrl { get; set; } = "http://0.0.0.0:8081";

    /// <summary>User ids (<c>U…</c>/<c>W…</c>) allowed to change channel subscriptions; empty means everyone.</summary>
    public string[] SubscriptionAdmins { get; set; } = [];

    /// <summary>The umbrella slash command, without the slash: <c>/researchbot author Kording</c>.</summary>
    public string UmbrellaCommand { get; set; } = "researchbot";

    /// <summary>Longest total wait for <c>Retry-After</c> on one Web API call before giving up.</summary>
    public TimeSpan RateLimitBudget { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>HTTP timeout of one Web API call.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>First Socket Mode reconnect delay after a failure; doubles per failure up to <see cref="ReconnectMaxDelay"/>.</summary>
    public TimeSpan ReconnectInitialDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a command may run before the ack goes out without its answer (Slack allows 3 s in total).</summary>
    public TimeSpan InlineAnswerBudget { get; set; } = TimeSpan.FromMilliseconds(2000);

    /// <summary>Share answers' files (the /author chart) in the channel; needs the <c>files:write</c> bot scope.</summary>
    public bool ShareFiles { get; set; } = true;

    /// <summary>
    /// Answer <c>link_shared</c> events for arXiv, DOI, Hugging Face and alphaXiv links with a paper card through
    /// <c>chat.unfurl</c>; needs the <c>links:read</c> and <c>links:write</c> bot scopes and the unfurl domains.
    /// </summary>
    public bool Unfurl { get; set; } = true;
}
