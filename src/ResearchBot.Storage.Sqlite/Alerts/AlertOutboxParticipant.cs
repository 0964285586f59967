using Microsoft.Data.Sqlite;
using ResearchBot.Core.Papers;
using ResearchBot.Storage.Sqlite.Papers;

namespace ResearchBot.Storage.Sqlite.Alerts;

/// <summary>The shared <see cref="AlertOutboxWriter"/> in SQLite's paper-writing transaction.</summary>
internal sealed class AlertOutboxParticipant(AlertOutboxWriter writer) : IPaperUpsertParticipant
{
    public Task OnPapersAddedAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<Paper> added, CancellationToken cancellationToken) =>
        writer.OnPapersAddedAsync(connection, transaction, added, cancellationToken);
}
