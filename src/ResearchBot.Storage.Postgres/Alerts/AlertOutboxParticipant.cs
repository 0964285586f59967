using Npgsql;
using ResearchBot.Core.Papers;
using ResearchBot.Storage.Postgres.Papers;

namespace ResearchBot.Storage.Postgres.Alerts;

/// <summary>The shared <see cref="AlertOutboxWriter"/> in PostgreSQL's paper-writing transaction (under the writers' lock).</summary>
internal sealed class AlertOutboxParticipant(AlertOutboxWriter writer) : IPostgresUpsertParticipant
{
    public Task OnPapersAddedAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<Paper> added, CancellationToken cancellationToken) =>
        writer.OnPapersAddedAsync(connection, transaction, added, cancellationToken);
}
