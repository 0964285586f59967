using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ResearchBot.Alerts;
using ResearchBot.Charts;
using ResearchBot.Cli;
using ResearchBot.Similarity;
using ResearchBot.Similarity.Onnx;
using ResearchBot.ConsoleChat;
using ResearchBot.Core;
using ResearchBot.Sources;
using ResearchBot.Storage.Postgres;
using ResearchBot.Storage.Sqlite;
using ResearchBot.Storage.Sqlite.Alerts;
using ResearchBot.Storage.Sqlite.Similarity;

namespace ResearchBot.Hosting;

/// <summary>Builds the one host every verb runs in: configuration, logging, and one <c>Add…()</c> per area.</summary>
public static class ResearchBotHost
{
    public static IHost Build(string verb, string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            DisableDefaults = true,
            ContentRootPath = Directory.GetCurrentDirectory(),
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") ?? Environments.Production,
        });
        var unreadable = AddConfiguration(builder.Configuration, builder.Environment.EnvironmentName);
        builder.Services.AddSingleton(new UnreadableConfigurationFiles(unreadable));
        configure?.Invoke(builder.Configuration);

        // A bad level would throw while the host is built (it makes a logger at once); left out, ConfigurationCheck reports it.
        if (!ConfigurationCheck.LoggingProblems(builder.Configuration.GetSection("Logging")).Any())
        {
            builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        }

        // Logs go to stderr so that stdout carries only the bot's answers (console chat, `ask`).
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.ConfigureContainer(new Microsoft.Extensions.DependencyInjection.DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        builder.Services.Configure<HostOptions>(o => o.BackgroundServiceExceptionBehavior = BackgroundServiceExceptionBehavior.StopHost);

        builder.Services.AddResearchBotCore();
        builder.Services.AddCommands();
        AddStorage(builder.Services, builder.Configuration);
        builder.Services.AddSimilarity();
        builder.Services.AddOnnxTextEmbedder();
        if (verb == AskVerb.VerbName)
        {
            // A one-shot command has no "later" to try again in: wait for a first build (minutes after a large import).
            builder.Services.PostConfigure<SimilarityOptions>(o => o.ReadyTimeout = SimilarityOptions.MaxReadyTimeout);
            builder.Services.PostConfigure<Core.Commands.CommandOptions>(o => o.Timeout = Core.Commands.CommandOptions.MaxTimeout);
        }

        builder.Services.AddIndexInitializer();
        builder.Services.AddStatusListener(builder.Configuration);
        builder.Services.AddResearchBotCli(verb);
        builder.Services.AddPaperSources(builder.Configuration);
        builder.Services.AddCharts();
        builder.Services.AddAlerts(builder.Configuration);
        var platforms = builder.Services.AddChatPlatforms(builder.Configuration);
        builder.Services.AddConsoleChat(startChat: verb == VerbRunner.DefaultVerb && platforms == 0);
        return builder.Build();
    }

    /// <summary>
    /// The one place that chooses the storage backend: it provides every storage port the feature projects use
    /// (papers, authors, source cursors and cache, bulk load, alerts and their outbox, similarity vectors). Feature
    /// projects reference Core only, so a second backend is a new <c>ResearchBot.Storage.*</c> project and a switch
    /// here: <c>Storage:Provider</c> is <c>Sqlite</c> (default) or <c>Postgres</c> (with <c>Storage:ConnectionString</c>).
    /// A value that is not a provider composes SQLite here, and the configuration check reports it before any work.
    /// </summary>
    private static void AddStorage(IServiceCollection services, IConfiguration configuration)
    {
        if (StorageBackend.Chosen(configuration) == Core.Storage.StorageProvider.Postgres)
        {
            services.AddPostgresStorage();
        }
        else
        {
            services.AddSqliteStorage().AddSqliteAlerts().AddSqliteSimilarity();
        }
    }

    /// <summary>
    /// Precedence, lowest first: <c>config/appsettings.json</c> (from <c>RESEARCHBOT_CONFIG_DIR</c>, else beside the
    /// executable, else <c>./config</c>), <c>appsettings.{Environment}.json</c>, environment variables
    /// (<c>Discord__Token</c>), then one file per key in <c>/run/secrets</c> (<c>RESEARCHBOT_SECRETS_DIR</c>).
    /// A JSON file that cannot be read is left out and returned, one line each, for <see cref="ConfigurationCheck"/>.
    /// </summary>
    public static IReadOnlyList<string> AddConfiguration(IConfigurationBuilder configuration, string environmentName)
    {
        var dir = Environment.GetEnvironmentVariable("RESEARCHBOT_CONFIG_DIR") is { Length: > 0 } d ? d
            : Directory.Exists(Path.Combine(AppContext.BaseDirectory, "config")) ? Path.Combine(AppContext.BaseDirectory, "config")
            : Path.Combine(Directory.GetCurrentDirectory(), "config");
        var unreadable = new List<string>();
        foreach (var name in new[] { "appsettings.json", $"appsettings.{environmentName}.json" })
        {
            var path = Path.Combine(Path.GetFullPath(dir), name);
            if (Unreadable(path) is { } problem)
            {
                unreadable.Add(problem);
                continue;
            }

            configuration.AddJsonFile(path, optional: true, reloadOnChange: false);
        }

        configuration.AddEnvironmentVariables();
        var secrets = Environment.GetEnvironmentVariable("RESEARCHBOT_SECRETS_DIR") is { Length: > 0 } s ? s : "/run/secrets";
        configuration.AddKeyPerFile(secrets, optional: true, reloadOnChange: false);
        return unreadable;
    }

    private static string? Unreadable(string path)
    {
        // Loaded once on the side: a file that throws here would otherwise throw out of Build() with a stack trace.
        try
        {
            new ConfigurationBuilder().AddJsonFile(path, optional: true, reloadOnChange: false).Build();
            return null;
        }
        catch (Exception ex) when (ex is InvalidDataException or FormatException or IOException or UnauthorizedAccessException)
        {
            var reason = ex;
            while (reason.InnerException is not null)
            {
                reason = reason.InnerException;
            }

            return $"{path} cannot be read as JSON settings: {reason.Message.ReplaceLineEndings(" ")}";
        }
    }
}
