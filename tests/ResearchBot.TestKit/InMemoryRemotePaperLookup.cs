using ResearchBot.Core.Papers;

namespace ResearchBot.TestKit;

/// <summary>
/// An <see cref="IRemotePaperLookup"/> (the arXiv API) over records a test adds, keyed by versionless arXiv id;
/// <see cref="FailWith"/> makes it unreachable. <see cref="Lookups"/> counts the calls.
/// </summary>
public sealed class InMemoryRemotePaperLookup : IRemotePaperLookup
{
    private readonly Dictionary<string, PaperRecord> _records = new(StringComparer.Ordinal);

    public int Lookups { get; private set; }

    /// <summary>When set, every look-up fails with this message.</summary>
    public string? FailWith { get; set; }

    /// <summary>When set, every look-up first waits for this task (a slow arXiv).</summary>
    public Task? Hold { get; set; }

    public void Add(PaperRecord record)
    {
        if (!ArxivId.TryParse(record.ArxivId, out var id))
        {
            throw new ArgumentException("The record needs an arXiv id.", nameof(record));
        }

        _records[id.Id] = record;
    }

    public async Task<PaperRecord?> LookupArxivAsync(ArxivId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Lookups++;
        if (Hold is { } hold)
        {
            await hold.WaitAsync(cancellationToken);
        }

        return FailWith is { } message
            ? throw new PaperSourceUnavailableException(message)
            : _records.GetValueOrDefault(id.Id);
    }
}
