using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using ResearchBot.Core.Progress;
using ResearchBot.Core.Storage;
using ResearchBot.Storage.Postgres;
using ResearchBot.Storage.Sqlite;

namespace ResearchBot.Cli;

/// <summary>
/// <c>researchbot copy --to postgres</c>: moves the SQLite index (<c>Storage:DatabasePath</c>) with its subscriptions,
/// outbox, similarity vectors and source cursors into the PostgreSQL database of <c>Storage:ConnectionString</c>,
/// resumably (run it again after an interruption), with a progress bar per table. Run it while
/// <c>Storage:Provider</c> is still <c>Sqlite</c>, then switch the provider.
/// </summary>
internal static class CopyVerb
{
    public static Command Create()
    {
        var to = new Option<string>("--to")
        {
            Description = "The backend to copy the SQLite index into: postgres",
            HelpName = "BACKEND",
            Required = true,
        };
        to.AcceptOnlyFromAmong("postgres");
        var command = new Command("copy", "Copy the SQLite index, subscriptions, outbox and cursors into PostgreSQL (Storage:ConnectionString); resumable.")
        {
            to,
        };
        command.SetAction((result, _) => VerbRunner.RunAsync("copy", ResearchBotCommandLine.Rest(result), RunAsync,
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }

    private static async Task<int> RunAsync(IServiceProvider services, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var storage = services.GetRequiredService<IOptions<StorageOptions>>().Value;
        if (storage.Provider != StorageProvider.Sqlite)
        {
            await error.WriteLineAsync("researchbot copy: run it with Storage:Provider=Sqlite (the source), then switch the provider to Postgres.");
            return 1;
        }

        if (string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            await error.WriteLineAsync("researchbot copy: set Storage:ConnectionString (the PostgreSQL target), e.g. in /run/secrets/Storage__ConnectionString.");
            return 1;
        }

        var sqlite = services.GetRequiredService<SqliteDatabase>();
        var loggers = services.GetRequiredService<ILoggerFactory>();
        await using var target = new PostgresDatabase(Options.Create(new PostgresOptions { ConnectionString = storage.ConnectionString }), loggers.CreateLogger<PostgresDatabase>());
        try
        {
            await using var source = await sqlite.OpenForCopyAsync(cancellationToken);
            var summary = await new CopyFromSqlite(target, loggers.CreateLogger<CopyFromSqlite>())
                .CopyAsync(source, services.GetRequiredService<IProgressReporter>(), cancellationToken);
            await output.WriteLineAsync($"Copied {sqlite.DatabasePath} into {target.Describe}: "
                + string.Join(", ", summary.Tables.Where(t => t.Rows > 0).Select(t => $"{t.Rows:N0} {t.Table}")) + ".");
            await output.WriteLineAsync("Now set Storage:Provider=Postgres and start the bot (any number of processes).");
            return 0;
        }
        catch (System.Data.Common.DbException ex)
        {
            // The message names the server's complaint, never the connection string.
            await error.WriteLineAsync($"researchbot copy: PostgreSQL at {target.Describe} failed: {ex.Message.ReplaceLineEndings(" ")} (run it again to resume).");
            return 1;
        }
        catch (InvalidOperationException ex)
        {
            await error.WriteLineAsync("researchbot copy: " + ex.Message);
            return 1;
        }
    }
}
