using System.Text.Json;
using ResearchBot.Core.Ingestion.Formats;
using ResearchBot.Core.Papers;

namespace ResearchBot.Sources.Snapshot;

/// <summary>Parses one JSON line of an import file, detecting per line whether it is the arXiv snapshot or the demo format.</summary>
public static class PaperLine
{
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 16 };

    public static PaperRecord? Parse(string line, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(line))
        {
            error = "";
            return null;
        }

        try
        {
            using var doc = JsonDocument.Parse(line, Options);
            var root = doc.RootElement;
            if (SnapshotFormat.Recognizes(root))
            {
                return SnapshotFormat.Parse(root, out error);
            }

            if (DemoPaperFormat.Recognizes(root))
            {
                return DemoPaperFormat.Parse(root, out error);
            }

            error = "neither the arXiv snapshot nor the demo format";
            return null;
        }
        catch (JsonException ex)
        {
            error = $"malformed JSON ({ex.Message.Split('.')[0]})";
            return null;
        }
    }
}
