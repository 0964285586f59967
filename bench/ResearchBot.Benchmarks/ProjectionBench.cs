using System.Globalization;
using System.Security.Cryptography;
using ResearchBot.Similarity.Evaluation;
using ResearchBot.Similarity.Neural;
using ResearchBot.Similarity.Onnx;

namespace ResearchBot.Benchmarks;

/// <summary>
/// Fits the category projection the bot ships (<c>neural-projection FILE [--out PATH] [--model M] [--tokens T] [--lambda L]
/// [--dims D] [--cache DIR]</c>): every paper of the labelled file embedded as the bot embeds it, its primary category as
/// its label, <see cref="CategoryProjection"/> fitted on all of them and written where the Onnx project embeds it. The
/// λ and the gain are chosen and measured on held-apart halves by <c>neural-study --supervised even|odd</c>.
/// </summary>
internal static class ProjectionBench
{
    public static async Task<int> RunAsync(string file, string[] args, CancellationToken ct)
    {
        var options = new OnnxEmbedderOptions();
        var cache = Path.Combine(Path.GetTempPath(), "researchbot-embeddings");
        var lambda = 1.0;
        var dims = 128;
        string? output = null;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            var v = args[i + 1];
            switch (args[i])
            {
                case "--model": options.Model = Enum.Parse<SentenceModelKind>(v, ignoreCase: true); break;
                case "--tokens": options.MaxTokens = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--lambda": lambda = double.Parse(v, CultureInfo.InvariantCulture); break;
                case "--dims": dims = int.Parse(v, CultureInfo.InvariantCulture); break;
                case "--cache": cache = v; break;
                case "--out": output = v; break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }

        var (docs, _) = EvalDocument.Load(file);
        using var onnx = new OnnxTextEmbedder(options);
        var embedder = new CachingTextEmbedder(onnx, cache);
        var embeddings = await embedder.EmbedAsync([.. docs.Select(d => NeuralStudyBench.TextOf(embedder, d))], ct);
        var projection = CategoryProjection.Fit(embeddings, [.. docs.Select(d => d.Categories[0])], dims, lambda);
        output ??= Path.Combine(RepoPaths.Root(), "src", "ResearchBot.Similarity.Onnx", "Projections", onnx.ProjectionFileName(projection.Dimensions));
        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await using (var stream = File.Create(output))
        await using (var writer = new BinaryWriter(stream))
        {
            projection.Write(writer);
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(await File.ReadAllBytesAsync(output, ct)))[..16];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{onnx.ModelId}: {docs.Count} papers, {docs.Select(d => d.Categories[0]).Distinct().Count()} primary categories, λ = {lambda}: {projection.InputDimensions} → {projection.Dimensions} written to {output} ({new FileInfo(output).Length:N0} bytes, sha256 {hash}…)"));
        return 0;
    }
}
