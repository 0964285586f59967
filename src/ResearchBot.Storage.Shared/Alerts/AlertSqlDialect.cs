using System.Data.Common;
using ResearchBot.Core.Alerts.Learning;

namespace ResearchBot.Storage.Shared;

/// <summary>Stores a <c>like:</c> subscription's model in the caller's transaction and bumps <c>models_version</c>.</summary>
internal delegate Task ModelWriter(DbConnection connection, DbTransaction transaction, long subscriptionId, InterestModel model, DateTimeOffset now, CancellationToken cancellationToken);

/// <summary>
/// What the shared alert storage code takes from its backend, where the two databases differ: how a column is tested
/// against a list of ids (<see cref="IdsIn"/> follows the column and names <c>@ids</c>; <see cref="Ids"/> makes that
/// parameter's value), and how a model is written (PostgreSQL locks the subscription's row while it does).
/// </summary>
internal sealed record AlertSqlDialect(string IdsIn, Func<IReadOnlyCollection<long>, object> Ids, ModelWriter WriteModel);
