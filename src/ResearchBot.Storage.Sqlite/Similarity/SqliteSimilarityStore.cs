using System.Runtime.CompilerServices;
using Dapper;
using Microsoft.Data.Sqlite;
using ResearchBot.Core.Similarity;

namespace ResearchBot.Storage.Sqlite.Similarity;

/// <inheritdoc cref="ISimilarityStore"/>
internal sealed class SqliteSimilarityStore(SqliteDatabase database, TimeProvider timeProvider) : ISimilarityStore
{
    public async Task<StoredSimilarityModel?> GetLatestModelAsync(string kind, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version, kind, dimensions, fitted_on, created_at, data FROM similarity_models WHERE kind = @kind ORDER BY version DESC LIMIT 1";
        command.Parameters.AddWithValue("@kind", kind);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredSimilarityModel(
            reader.GetInt32(0), reader.GetString(1), reader.GetInt32(2), reader.GetInt64(3),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(4)), reader.GetFieldValue<byte[]>(5));
    }

    public async Task<int> SaveModelAsync(string kind, int dimensions, long fittedOn, ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "INSERT INTO similarity_models (kind, dimensions, fitted_on, created_at, data) VALUES (@kind, @dimensions, @fittedOn, @createdAt, @data) RETURNING version",
            new { kind, dimensions, fittedOn, createdAt = timeProvider.GetUtcNow().ToUnixTimeMilliseconds(), data = data.ToArray() },
            cancellationToken: cancellationToken));
    }

    public async Task SaveVectorsAsync(IReadOnlyList<StoredVector> vectors, CancellationToken cancellationToken)
    {
        if (vectors.Count == 0)
        {
            return;
        }

        await using var connection = await database.OpenAsync(cancellationToken);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = "INSERT OR REPLACE INTO similarity_vectors (seq, model_version, year, categories, vector) VALUES ($seq, $v, $year, $cats, $vec)";
        var seq = command.Parameters.Add("$seq", SqliteType.Integer);
        var version = command.Parameters.Add("$v", SqliteType.Integer);
        var year = command.Parameters.Add("$year", SqliteType.Integer);
        var cats = command.Parameters.Add("$cats", SqliteType.Text);
        var vec = command.Parameters.Add("$vec", SqliteType.Blob);
        command.Prepare();
        foreach (var v in vectors)
        {
            seq.Value = v.Seq;
            version.Value = v.ModelVersion;
            year.Value = v.Year;
            cats.Value = v.Categories;
            vec.Value = v.Vector.ToArray();
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await tx.CommitAsync(cancellationToken);
    }

    public async IAsyncEnumerable<StoredVector> StreamVectorsAsync(int modelVersion, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, year, categories, vector FROM similarity_vectors WHERE model_version = $v ORDER BY seq";
        command.Parameters.AddWithValue("$v", modelVersion);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        string last = "";
        while (await reader.ReadAsync(cancellationToken))
        {
            var categories = reader.GetString(2);
            // Neighbouring papers often share a category list: reuse the string instead of keeping copies.
            if (categories == last)
            {
                categories = last;
            }

            last = categories;
            yield return new StoredVector(reader.GetInt64(0), modelVersion, reader.GetInt32(1), categories, reader.GetFieldValue<byte[]>(3));
        }
    }

    public async Task DeleteVectorsBeforeAsync(int modelVersion, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            // Only older versions of the same kind: the LSA refit must not delete the neural engine's model and vectors.
            // Vectors whose version has no model row (an interrupted save) count as the same kind.
            """
            DELETE FROM similarity_vectors WHERE model_version < @modelVersion AND model_version NOT IN (
                SELECT version FROM similarity_models WHERE kind <> (SELECT kind FROM similarity_models WHERE version = @modelVersion));
            DELETE FROM similarity_models WHERE version < @modelVersion AND (
                kind = (SELECT kind FROM similarity_models WHERE version = @modelVersion)
                OR NOT EXISTS (SELECT 1 FROM similarity_models WHERE version = @modelVersion));
            """,
            new { modelVersion }, cancellationToken: cancellationToken));
    }
}
