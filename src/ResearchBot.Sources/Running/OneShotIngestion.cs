using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Progress;

namespace ResearchBot.Sources.Running;

/// <summary>One harvest pass of every enabled source (or the named one), then done: the executable's <c>ingest --once</c>.</summary>
public sealed class OneShotIngestion(IEnumerable<IPaperSource> sources, SourceRunner runner, IProgressReporter progress)
{
    /// <summary>The sources this process knows, by name.</summary>
    public IEnumerable<string> SourceNames => sources.Select(s => s.Name);

    /// <summary>
    /// Runs the pass; returns the process exit status (0 done, 1 a source failed, 2 unknown or disabled source), with one
    /// line per source on <paramref name="output"/> and problems on <paramref name="error"/>.
    /// </summary>
    /// <param name="source">A source's name, or null for every enabled one.</param>
    public async Task<int> RunAsync(string? source, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var all = sources.ToList();
        var chosen = source is null ? all.Where(s => s.Enabled).ToList() : all.Where(s => string.Equals(s.Name, source, StringComparison.OrdinalIgnoreCase)).ToList();
        if (source is not null && chosen.Count == 0)
        {
            await error.WriteLineAsync($"ingest: unknown source \"{source}\"; known: {string.Join(", ", all.Select(s => s.Name))}");
            return 2;
        }

        if (chosen.Count == 0 || chosen.Any(s => !s.Enabled))
        {
            var off = chosen.Count == 0 ? all : chosen.Where(s => !s.Enabled);
            await error.WriteLineAsync($"ingest: not enabled: {string.Join(", ", off.Select(s => s.Name))}. Set Sources:<Name>:Enabled=true (see the README, section Paper and author sources).");
            return 2;
        }

        var failed = false;
        foreach (var s in chosen)
        {
            try
            {
                SourceRunResult r;
                using (var tracker = progress.Start("ingest " + s.Name, "records"))
                {
                    r = await runner.RunOnceAsync(s, tracker, cancellationToken);
                }

                await output.WriteLineAsync($"{r.Source}: {r.Records} records, {r.Added} new, {r.Merged} merged, {r.Skipped} skipped");
            }
            catch (PaperSourceUnavailableException ex)
            {
                failed = true;
                await error.WriteLineAsync($"{s.Name}: {ex.Message} Batches stored so far are kept; the next pass resumes from there.");
            }
        }

        return failed ? 1 : 0;
    }
}
