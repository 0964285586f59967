using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Alerts;
using ResearchBot.Alerts.CrashHost;
using ResearchBot.Core;
using ResearchBot.Core.Ingestion;
using ResearchBot.Core.Ingestion.Formats;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Papers;
using ResearchBot.Storage.Sqlite;
using ResearchBot.Storage.Sqlite.Alerts;

// Usage: CrashHost DB PAPERS.jsonl SINK idempotent|plain BATCH LATENCY_MS
if (args.Length != 6)
{
    Console.Error.WriteLine("usage: CrashHost DB PAPERS SINK idempotent|plain BATCH LATENCY_MS");
    return 2;
}

var (db, papersFile, sink, mode) = (args[0], args[1], args[2], args[3]);
var batch = int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture);
var latency = TimeSpan.FromMilliseconds(int.Parse(args[5], System.Globalization.CultureInfo.InvariantCulture));
var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
{
    ["Storage:DatabasePath"] = db,
    ["Storage:SeedDemoData"] = "false",
    ["Alerts:ChannelMinInterval"] = "00:00:00",
    ["Alerts:InterruptedAfter"] = "00:00:00",
    ["Alerts:RetryBaseDelay"] = "00:00:00",
}).Build();
var services = new ServiceCollection();
services.AddSingleton<IConfiguration>(config);
services.AddLogging();
services.AddResearchBotCore();
services.AddSqliteStorage().AddSqliteAlerts();
services.AddAlerts(config);
services.AddSingleton<IChatPublisher>(mode == "plain" ? new PlainFileSinkPublisher(sink, latency) : new FileSinkPublisher(sink, latency));
await using var provider = services.BuildServiceProvider();
var ingestor = provider.GetRequiredService<IPaperIngestor>();
var deliverer = provider.GetRequiredService<AlertDeliverer>();

var records = new List<PaperRecord>();
foreach (var line in File.ReadLines(papersFile))
{
    using var doc = JsonDocument.Parse(line);
    records.Add(DemoPaperFormat.Parse(doc.RootElement, out _)!);
}

// Deliver what an earlier (killed) run left, then import batch by batch, delivering after each.
await deliverer.DeliverDueAsync(CancellationToken.None);
foreach (var chunk in records.Chunk(batch))
{
    await ingestor.IngestAsync(chunk, CancellationToken.None);
    await deliverer.DeliverDueAsync(CancellationToken.None);
}

while ((await deliverer.DeliverDueAsync(CancellationToken.None)).Claimed > 0)
{
}

Console.WriteLine("done");
return 0;
