using ResearchBot.Core.Cli;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Sources.Running;

namespace ResearchBot.Sources.Cli;

/// <summary><c>researchbot ingest [SOURCE] --once</c>: one pass of every enabled source (or the named one), then exit.</summary>
public sealed class IngestVerb(IEnumerable<IPaperSource> sources, SourceRunner runner) : ICliVerb
{
    public string Name => "ingest";

    public string Summary => "Run one harvest pass of the enabled paper sources (arxiv, huggingface) and exit";

    public string Usage => "ingest [SOURCE] --once";

    public async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var names = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
        if (!args.Contains("--once") || names.Count > 1 || args.Any(a => a.StartsWith("--", StringComparison.Ordinal) && a != "--once"))
        {
            await error.WriteLineAsync($"usage: researchbot {Usage}   (the background service runs sources on their schedule; this verb runs one pass)");
            return 2;
        }

        var all = sources.ToList();
        var chosen = names.Count == 0 ? all.Where(s => s.Enabled).ToList() : all.Where(s => string.Equals(s.Name, names[0], StringComparison.OrdinalIgnoreCase)).ToList();
        if (names.Count == 1 && chosen.Count == 0)
        {
            await error.WriteLineAsync($"ingest: unknown source \"{names[0]}\"; known: {string.Join(", ", all.Select(s => s.Name))}");
            return 2;
        }

        if (chosen.Count == 0 || chosen.Any(s => !s.Enabled))
        {
            var off = chosen.Count == 0 ? all : chosen.Where(s => !s.Enabled);
            await error.WriteLineAsync($"ingest: not enabled: {string.Join(", ", off.Select(s => s.Name))}. Set Sources:<Name>:Enabled=true (see the README, section Paper and author sources).");
            return 2;
        }

        var failed = false;
        foreach (var source in chosen)
        {
            try
            {
                var r = await runner.RunOnceAsync(source, cancellationToken);
                await output.WriteLineAsync($"{r.Source}: {r.Records} records, {r.Added} new, {r.Merged} merged, {r.Skipped} skipped");
            }
            catch (PaperSourceUnavailableException ex)
            {
                failed = true;
                await error.WriteLineAsync($"{source.Name}: {ex.Message} Batches stored so far are kept; the next pass resumes from there.");
            }
        }

        return failed ? 1 : 0;
    }
}
