using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using ResearchBot.Storage.Sqlite;
using ResearchBot.Storage.Shared;
using ResearchBot.Storage.Sqlite.Papers;

namespace ResearchBot.Benchmarks;

/// <summary>Writes synthetic papers straight into the papers table (one transaction, prepared insert, FTS trigger off).</summary>
internal static class CorpusWriter
{
    public static async Task<TimeSpan> WriteAsync(SqliteDatabase database, SyntheticCorpus corpus, long count, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = await database.OpenAsync(ct);
        await using (var drop = connection.CreateCommand())
        {
            // Latency runs resolve by arXiv id; keyword indexing of millions of rows would only slow the set-up.
            drop.CommandText = "DROP TRIGGER IF EXISTS papers_ai";
            await drop.ExecuteNonQueryAsync(ct);
        }

        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO papers (id, arxiv_id, title_key, title, abstract, authors, published, categories, sources, indexed_at) VALUES ($id, $id, $key, $title, $abs, $authors, $pub, $cat, 'synthetic', 0)";
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var key = insert.Parameters.Add("$key", SqliteType.Text);
        var title = insert.Parameters.Add("$title", SqliteType.Text);
        var abs = insert.Parameters.Add("$abs", SqliteType.Text);
        var authors = insert.Parameters.Add("$authors", SqliteType.Text);
        var pub = insert.Parameters.Add("$pub", SqliteType.Text);
        var cat = insert.Parameters.Add("$cat", SqliteType.Text);
        insert.Prepare();
        foreach (var p in corpus.Generate(count))
        {
            id.Value = p.ArxivId;
            key.Value = PaperIdentity.TitleKey(p.Title) + " " + p.ArxivId;
            title.Value = p.Title;
            abs.Value = p.Abstract;
            authors.Value = JsonSerializer.Serialize(p.Authors);
            pub.Value = p.Published.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            cat.Value = p.Category;
            await insert.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
        return watch.Elapsed;
    }
}
