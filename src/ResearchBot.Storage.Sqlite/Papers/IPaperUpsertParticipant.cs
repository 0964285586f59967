using Microsoft.Data.Sqlite;
using ResearchBot.Core.Papers;

namespace ResearchBot.Storage.Sqlite.Papers;

/// <summary>
/// Runs inside the transaction that stores a batch, after the new papers are written and before commit, so that
/// derived rows (e.g. the alert outbox) are committed atomically with the papers, or not at all.
/// </summary>
internal interface IPaperUpsertParticipant
{
    Task OnPapersAddedAsync(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<Paper> added, CancellationToken cancellationToken);
}
