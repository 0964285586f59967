using System.Numerics.Tensors;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Similarity;

namespace ResearchBot.Alerts.Tests.Support;

/// <summary>
/// A tiny stand-in engine: each lower-cased word of title and abstract hashed into one of 64 dimensions, unit length.
/// <see cref="SpaceId"/> can be switched (a "refit"), which also permutes the dimensions so old vectors are useless
/// in the new space; null while <see cref="Ready"/> is false.
/// </summary>
public sealed class HashedPaperVectors : IPaperVectors
{
    public const int Dims = 64;

    public int Version { get; set; } = 1;

    public bool Ready { get; set; } = true;

    public string? SpaceId => Ready ? $"hash/v{Version}" : null;

    public int Dimensions => Ready ? Dims : 0;

    public int Projected { get; private set; }

    public ValueTask<IReadOnlyList<float[]?>> VectorsOfAsync(IReadOnlyList<Paper> papers, CancellationToken cancellationToken)
    {
        var result = new float[]?[papers.Count];
        for (var i = 0; i < papers.Count && Ready; i++)
        {
            result[i] = Of(papers[i].Title + " " + papers[i].Abstract, Version);
        }

        Projected += papers.Count;
        return ValueTask.FromResult<IReadOnlyList<float[]?>>(result);
    }

    public static float[]? Of(string text, int version)
    {
        var v = new float[Dims];
        foreach (var word in text.ToLowerInvariant().Split([' ', ',', '.', ':', ';', '-'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (word.Length < 3)
            {
                continue;
            }

            var h = 2166136261u;
            foreach (var c in word)
            {
                h = (h ^ c) * 16777619u;
            }

            v[(int)((h + (uint)version * 7919u) % Dims)] += 1;
        }

        var norm = TensorPrimitives.Norm(v);
        if (norm == 0)
        {
            return null;
        }

        TensorPrimitives.Divide(v, norm, v);
        return v;
    }
}
