namespace ResearchBot.Tests.Hosting;

/// <summary>
/// One bad value for every setting of every section (the guard test fails when an options class gains a property
/// this list does not cover). Each row: the key the error line must name, the bad value, and any other settings the
/// case needs ("k=v;k=v", e.g. a platform's credentials so that its section is in use at all).
/// </summary>
public static class BadSettings
{
    public const string Discord = "Discord:Token=abc.def;Discord:ApplicationId=42";
    public const string DiscordHttp = Discord + ";Discord:Mode=Http;Discord:PublicKey=" + PublicKey;
    public const string Slack = "Slack:BotToken=xoxb-test;Slack:AppToken=xapp-test";
    public const string SlackHttp = "Slack:BotToken=xoxb-test;Slack:Mode=Http;Slack:SigningSecret=s3cret";
    private const string PublicKey = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    /// <summary>Settings that accept any text, so have no bad value; each says why.</summary>
    public static readonly IReadOnlyDictionary<string, string> FreeForm = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["Hosting:HeartbeatFile"] = "any path; empty turns the heartbeat off",
    };

    public static readonly IReadOnlyList<(string Key, string Value, string Extra)> Rows =
    [
        // Storage
        ("Storage:DatabasePath", "", ""),
        ("Storage:BusyTimeout", "banana", ""),
        ("Storage:BusyTimeout", "00:00:00", ""),
        ("Storage:BusyTimeout", "30", ""), // 30 days, not seconds
        ("Storage:SeedDemoData", "maybe", ""),
        ("Storage:BusyTimout", "00:00:10", ""), // a typo'd key
        ("Storage:Provider", "Oracle", ""),
        ("Storage:ConnectionString", "", "Storage:Provider=Postgres"),
        ("Storage:ConnectionString", "not a connection string", ""),
        ("Storage:SearchCandidates", "-1", ""),
        ("Storage:SearchCandidates", "2000000", ""),
        ("Storage:SearchCandidates", "many", ""),

        // Hosting, Commands, ConsoleChat
        ("Hosting:HeartbeatInterval", "00:00:01", ""),
        ("Hosting:HeartbeatInterval", "1:2:3:4", ""),
        ("Hosting:HttpUrl", "ftp://0.0.0.0:9090", ""),
        ("Hosting:HttpUrl", "http://0.0.0.0:9090/metrics", ""),
        ("Commands:Timeout", "00:00:00", ""), // `ask` raises the timeout in code: the configured value is still checked
        ("Commands:Timeout", "-00:00:05", ""),
        ("ConsoleChat:Channel", "", ""),
        ("ConsoleChat:User", "", ""),
        ("ConsoleChat:ChartDirectory", "", ""),

        // Similarity
        ("Similarity:Embedder:Model", "Bert", ""),
        ("Similarity:Embedder:MaxTokens", "-1", ""),
        ("Similarity:Embedder:MaxTokens", "513", ""),
        ("Similarity:Embedder:Text", "Everything", ""),
        ("Similarity:Embedder:Int8", "sometimes", ""),
        ("Similarity:Embedder:BatchSize", "0", ""),
        ("Similarity:Embedder:Threads", "-1", ""),
        ("Similarity:Embedder:Provider", "Tpu", ""),
        ("Similarity:Embedder:CudaDevice", "-1", ""),
        ("Similarity:Engine", "Bert", ""),
        ("Similarity:Engine", "9", ""),
        ("Similarity:NeuralDimensions", "8", ""),
        ("Similarity:NeuralSampleSize", "10", ""),
        ("Similarity:EmbedBatchSize", "0", ""),
        ("Similarity:NeuralFeedbackNeighbours", "21", ""),
        ("Similarity:NeuralAugmentNeighbours", "51", ""),
        ("Similarity:NeuralAugmentNeighbours", "-1", ""),
        ("Similarity:NeuralProjection", "Lda", ""),
        ("Similarity:NeuralProjection", "7", ""),
        ("Similarity:Dimensions", "-3", ""),
        ("Similarity:Dimensions", "many", ""),
        ("Similarity:SampleSize", "10", ""),
        ("Similarity:MaxFeatures", "5", ""),
        ("Similarity:RefitGrowthFactor", "1.0", ""),
        ("Similarity:PrefilterFromPapers", "-1", ""),
        ("Similarity:Prefilter", "Magic", ""),
        ("Similarity:Prefilter", "7", ""),
        ("Similarity:PrefilterCandidates", "1", ""),
        ("Similarity:FeedbackNeighbours", "21", ""),
        ("Similarity:FeedbackWeight", "9", ""),
        ("Similarity:FuseWithKeywords", "yes", ""),
        ("Similarity:ReadyTimeout", "00:00:00", ""),

        // Alerts
        ("Alerts:DeliveryEnabled", "on", ""),
        ("Alerts:PollInterval", "00:00:00", ""),
        ("Alerts:ChannelMinInterval", "01:00:00", ""),
        ("Alerts:MaxPapersPerMessage", "0", ""),
        ("Alerts:DigestTopCount", "26", ""),
        ("Alerts:RetryBaseDelay", "-00:00:01", ""),
        ("Alerts:RetryMaxDelay", "2.00:00:00", ""),
        ("Alerts:RetryMaxDelay", "00:00:01", ""), // shorter than RetryBaseDelay
        ("Alerts:MaxAttempts", "0", ""),
        ("Alerts:InterruptedAfter", "-00:00:01", ""),

        // Sources
        ("Sources:Http:MaxAttempts", "0", ""),
        ("Sources:Http:BaseDelay", "01:00:00", ""),
        ("Sources:Http:MaxRetryAfter", "02:00:00", ""),
        ("Sources:Http:Timeout", "00:00:00", ""),
        ("Sources:Arxiv:Enabled", "banana", ""),
        ("Sources:Arxiv:Categories", "true", "Sources:Arxiv:Enabled"), // enabled without categories
        ("Sources:Arxiv:Categories", "cs AI", "Sources:Arxiv:Categories:0"),
        ("Sources:Arxiv:ApiBaseUrl", "ftp://export.arxiv.org", ""),
        ("Sources:Arxiv:OaiBaseUrl", "oaipmh.arxiv.org", ""),
        ("Sources:Arxiv:RssBaseUrl", "rss", ""),
        ("Sources:Arxiv:Harvest", "atom", ""),
        ("Sources:Arxiv:Schedule", "daily", ""),
        ("Sources:Arxiv:InitialDays", "0", ""),
        ("Sources:Arxiv:MinInterval", "00:00:01", ""),
        ("Sources:Arxiv:MinInterval", "1.00:00:00", ""),
        ("Sources:Arxv", "true", "Sources:Arxv:Enabled"), // a typo'd section
        ("Sources:OpenAlex:Enabled", "banana", ""),
        ("Sources:OpenAlex:BaseUrl", "api.openalex.org", ""),
        ("Sources:OpenAlex:Mailto", "nobody", "Sources:OpenAlex:Enabled=true"),
        ("Sources:OpenAlex:CacheTtl", "100.00:00:00", ""),
        ("Sources:OpenAlex:MaxCandidates", "11", ""),
        ("Sources:HuggingFace:Enabled", "banana", ""),
        ("Sources:HuggingFace:BaseUrl", "huggingface.co", ""),
        ("Sources:HuggingFace:Schedule", "hourly", ""),
        ("Sources:HuggingFace:CacheTtl", "8.00:00:00", ""),

        // Discord (its section is in use once a token is set)
        ("Discord:Token", "Bot abc.def", Discord),
        ("Discord:ApplicationId", "my-app", Discord),
        ("Discord:PublicKey", "xyz", Discord),
        ("Discord:GuildId", "guild", Discord),
        ("Discord:Mode", "Carrier", Discord),
        ("Discord:ApiBaseUrl", "discord.com", Discord),
        ("Discord:GatewayUrl", "http://gateway.discord.gg", Discord),
        ("Discord:HttpUrl", "localhost", DiscordHttp),
        ("Discord:RequestTimeout", "00:00:00", Discord),
        ("Discord:MaxRateLimitRetries", "11", Discord),
        ("Discord:MaxRateLimitWait", "01:00:00", Discord),
        ("Discord:SignatureTolerance", "-00:00:01", Discord),
        ("Discord:QuickReplyBudget", "00:00:03", Discord),
        ("Discord:ShardCount", "0", Discord),
        ("Discord:ShardCount", "lots", Discord),
        ("Discord:Shards", "0-3", Discord + ";Discord:ShardCount=2"), // shard ids beyond the count
        ("Discord:Shards", "two", Discord),

        // Slack (its section is in use once a bot token is set)
        ("Slack:Mode", "Carrier", Slack),
        ("Slack:BotToken", "xoxp-user", Slack),
        ("Slack:BotTokenFile", "/nonexistent/bot-token", "Slack:AppToken=xapp-test"),
        ("Slack:AppToken", "xoxb-wrong", Slack),
        ("Slack:AppTokenFile", "/nonexistent/app-token", "Slack:BotToken=xoxb-test"),
        ("Slack:SigningSecret", "", "Slack:BotToken=xoxb-test;Slack:Mode=Http"),
        ("Slack:SigningSecretFile", "/nonexistent/signing-secret", "Slack:BotToken=xoxb-test;Slack:Mode=Http"),
        ("Slack:ApiBaseUrl", "slack.com", Slack),
        ("Slack:HttpUrl", "localhost", SlackHttp),
        ("Slack:SubscriptionAdmins", "bob", Slack + ";Slack:SubscriptionAdmins:0"),
        ("Slack:UmbrellaCommand", "/rb", Slack),
        ("Slack:RateLimitBudget", "01:00:00", Slack),
        ("Slack:RequestTimeout", "00:00:00", Slack),
        ("Slack:ReconnectInitialDelay", "-00:00:01", Slack),
        ("Slack:ReconnectMaxDelay", "01:00:00", Slack),
        ("Slack:InlineAnswerBudget", "00:00:03", Slack),
        ("Slack:ShareFiles", "sometimes", Slack),
        ("Slack:Unfurl", "sometimes", Slack),

        // Logging: a bad level used to throw while the host was built
        ("Logging:LogLevel:Default", "Loud", ""),
        ("Logging:Console:LogToStandardErrorThreshold", "banana", ""),
    ];

    public static TheoryData<string, string, string> All
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var (key, value, extra) in Rows)
            {
                data.Add(key, value, extra);
            }

            return data;
        }
    }

    /// <summary>
    /// The configuration of one row. The bad value goes to <paramref name="key"/>, or, when <paramref name="extra"/>
    /// starts with a bare key (no '='), to that key instead (a list entry, or a switch whose rule names another key).
    /// </summary>
    public static Dictionary<string, string?> Settings(string key, string value, string extra)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var target = key;
        foreach (var part in extra.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq < 0)
            {
                target = part;
            }
            else
            {
                settings[part[..eq]] = part[(eq + 1)..];
            }
        }

        settings[target] = value;
        return settings;
    }
}
