using Npgsql;
using ResearchBot.Core.Papers;

namespace ResearchBot.Storage.Postgres.Papers;

/// <summary>
/// Runs inside the transaction that stores a batch, after the new papers are written and before commit, so that derived
/// rows (the alert outbox) commit atomically with the papers, or not at all.
/// </summary>
internal interface IPostgresUpsertParticipant
{
    Task OnPapersAddedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Paper> added, CancellationToken cancellationToken);
}
