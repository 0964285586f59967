using System.Runtime.CompilerServices;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using ResearchBot.Core.Similarity;

namespace ResearchBot.Storage.Postgres.Similarity;

/// <summary>
/// <see cref="ISimilarityStore"/> on PostgreSQL; vectors are written with binary <c>COPY</c> through a staging table and
/// keyed by (model version, seq), so two engines' vectors of a paper, or a refit's and its predecessor's, never mix.
/// A model version is announced to the other processes on <see cref="ModelsChannel"/> when it is complete: in
/// <see cref="DeleteVectorsBeforeAsync"/>, which the engines call once the new version's vectors are stored.
/// </summary>
internal sealed class PostgresSimilarityStore(PostgresDatabase database, TimeProvider timeProvider) : ISimilarityStore
{
    /// <summary>The channel a new model version is announced on (payload: <c>version:token:kind</c>).</summary>
    public const string ModelsChannel = "researchbot_models";

    public async Task<StoredSimilarityModel?> GetLatestModelAsync(string kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var row = await connection.QueryFirstOrDefaultAsync<(int Version, string Kind, long Dimensions, long FittedOn, long CreatedAt, byte[] Data)?>(new CommandDefinition(
            "SELECT version, kind, dimensions, fitted_on, created_at, data FROM similarity_models WHERE kind = @kind ORDER BY version DESC LIMIT 1",
            new { kind }, cancellationToken: cancellationToken));
        return row is { } r ? new StoredSimilarityModel(r.Version, r.Kind, (int)r.Dimensions, r.FittedOn, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAt), r.Data) : null;
    }

    public async Task<int> SaveModelAsync(string kind, int dimensions, long fittedOn, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        // Not announced yet: its vectors are still to be projected (see DeleteVectorsBeforeAsync).
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "INSERT INTO similarity_models (kind, dimensions, fitted_on, created_at, data) VALUES (@kind, @dimensions, @fittedOn, @createdAt, @data) RETURNING version",
            new { kind, dimensions = (long)dimensions, fittedOn, createdAt = timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), data = data.ToArray() },
            cancellationToken: cancellationToken));
    }

    public async Task SaveVectorsAsync(IReadOnlyList<StoredVector> vectors, CancellationToken cancellationToken)
    {
        if (vectors.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "CREATE TEMP TABLE vectors_in (seq bigint, model_version bigint, year bigint, categories text, vector bytea) ON COMMIT DROP",
            transaction: tx, cancellationToken: cancellationToken));
        await using (var copy = await connection.BeginBinaryImportAsync("COPY vectors_in FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            // The last vector of a (version, seq) wins, as INSERT OR REPLACE in order does.
            foreach (var v in vectors.GroupBy(v => (v.ModelVersion, v.Seq)).Select(g => g.Last()))
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(v.Seq, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync((long)v.ModelVersion, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync((long)v.Year, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(v.Categories, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(v.Vector.ToArray(), NpgsqlDbType.Bytea, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO similarity_vectors (seq, model_version, year, categories, vector) SELECT * FROM vectors_in
            ON CONFLICT (model_version, seq) DO UPDATE SET year = excluded.year, categories = excluded.categories, vector = excluded.vector
            """,
            transaction: tx, cancellationToken: cancellationToken, commandTimeout: 0));
        await tx.CommitAsync(cancellationToken);
    }

    public async IAsyncEnumerable<StoredVector> StreamVectorsAsync(int modelVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("SELECT seq, year, categories, vector FROM similarity_vectors WHERE model_version = @v ORDER BY seq", connection);
        command.Parameters.AddWithValue("v", (long)modelVersion);
        command.CommandTimeout = 0;
        await using var reader = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, cancellationToken);
        var last = "";
        while (await reader.ReadAsync(cancellationToken))
        {
            var seq = reader.GetInt64(0);
            var year = reader.GetInt64(1);
            var categories = reader.GetString(2);
            if (categories == last)
            {
                categories = last;
            }

            last = categories;
            yield return new StoredVector(seq, modelVersion, (int)year, categories, reader.GetFieldValue<byte[]>(3));
        }
    }

    public async Task DeleteVectorsBeforeAsync(int modelVersion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = await connection.BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            // Only older versions of the same kind: the LSA refit must not delete the neural engine's model and vectors.
            // Vectors whose version has no model row (an interrupted save) count as the same kind.
            """
            DELETE FROM similarity_vectors WHERE model_version < @v AND model_version NOT IN (
                SELECT version FROM similarity_models WHERE kind <> (SELECT kind FROM similarity_models WHERE version = @v));
            DELETE FROM similarity_models WHERE version < @v AND (
                kind = (SELECT kind FROM similarity_models WHERE version = @v)
                OR NOT EXISTS (SELECT 1 FROM similarity_models WHERE version = @v));
            """,
            new { v = (long)modelVersion }, tx, cancellationToken: cancellationToken, commandTimeout: 0));
        var kind = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT kind FROM similarity_models WHERE version = @v", new { v = (long)modelVersion }, tx, cancellationToken: cancellationToken));
        if (kind is not null)
        {
            // Delivered on commit, to every process listening (this one skips its own token).
            await connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_notify(@channel, @payload)", new { channel = database.ChannelName(ModelsChannel), payload = $"{modelVersion}:{database.ProcessToken}:{kind}" }, tx, cancellationToken: cancellationToken));
        }

        await tx.CommitAsync(cancellationToken);
    }
}
