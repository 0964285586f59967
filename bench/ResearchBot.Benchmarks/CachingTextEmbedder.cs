using System.Security.Cryptography;
using System.Text;
using ResearchBot.Core.Papers;
using ResearchBot.Similarity.Embedding;

namespace ResearchBot.Benchmarks;

/// <summary>
/// Tuning aid: remembers every vector in a file per model id (under the temp folder), so runs that change only the
/// ranking do not embed the corpus again. Never used by the bot.
/// </summary>
internal sealed class CachingTextEmbedder(ITextEmbedder inner, string folder) : ITextEmbedder
{
    private readonly Dictionary<string, float[]> _cache = Load(Path.Combine(folder, Sanitize(inner.ModelId) + ".vec"), inner.Dimensions);
    private readonly string _file = Path.Combine(folder, Sanitize(inner.ModelId) + ".vec");

    public string ModelId => inner.ModelId;

    public int Dimensions => inner.Dimensions;

    public string TextOf(Paper paper) => inner.TextOf(paper);

    public Stream? OpenProjection(int dimensions) => inner.OpenProjection(dimensions);

    public Task<float[][]> EmbedAsync(IReadOnlyList<string> texts, CancellationToken cancellationToken) =>
        CachedAsync(texts, "d", inner.EmbedAsync, cancellationToken);

    public Task<float[][]> EmbedQueriesAsync(IReadOnlyList<string> queries, CancellationToken cancellationToken) =>
        CachedAsync(queries, "q", inner.EmbedQueriesAsync, cancellationToken);

    private async Task<float[][]> CachedAsync(IReadOnlyList<string> texts, string kind, Func<IReadOnlyList<string>, CancellationToken, Task<float[][]>> embed, CancellationToken ct)
    {
        var keys = texts.Select(t => Key(kind, t)).ToArray();
        var missing = Enumerable.Range(0, texts.Count).Where(i => !_cache.ContainsKey(keys[i])).ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        // In chunks, appended as they come, so an interrupted run keeps what it embedded.
        foreach (var chunk in missing.Chunk(512))
        {
            var vectors = await embed([.. chunk.Select(i => texts[i])], ct);
            await using var file = new FileStream(_file, FileMode.Append);
            await using var writer = new BinaryWriter(file);
            for (var j = 0; j < chunk.Length; j++)
            {
                _cache[keys[chunk[j]]] = vectors[j];
                writer.Write(keys[chunk[j]]);
                foreach (var x in vectors[j])
                {
                    writer.Write(x);
                }
            }

            Console.Error.WriteLine($"embedded {chunk.Length} more ({kind}); {_cache.Count} cached");
        }

        return [.. keys.Select(k => _cache[k])];
    }

    private static string Key(string kind, string text) => kind + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0, 16);

    private static string Sanitize(string id) => string.Concat(id.Select(c => char.IsLetterOrDigit(c) ? c : '_'));

    private static Dictionary<string, float[]> Load(string file, int dims)
    {
        var cache = new Dictionary<string, float[]>(StringComparer.Ordinal);
        if (!File.Exists(file))
        {
            return cache;
        }

        using var reader = new BinaryReader(File.OpenRead(file));
        try
        {
            while (reader.BaseStream.Position < reader.BaseStream.Length)
            {
                var key = reader.ReadString();
                var v = new float[dims];
                for (var i = 0; i < dims; i++)
                {
                    v[i] = reader.ReadSingle();
                }

                cache[key] = v;
            }
        }
        catch (EndOfStreamException)
        {
            // A record cut by an interrupted run: the ones before it stand.
        }

        return cache;
    }
}
