using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Sources.Import;

namespace ResearchBot.Cli;

/// <summary><c>researchbot import FILE [--batch N] [--bulk]</c>: the arguments of <see cref="SnapshotImporter"/>.</summary>
internal static class ImportVerb
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "A JSON-lines file: the arXiv metadata snapshot or the demo format (.gz, or Kaggle's archive.zip as downloaded, allowed).",
        }.AcceptExistingOnly();
        var batch = new Option<int>("--batch")
        {
            Description = $"Records per committed batch ({ImportRequest.MinBatchSize}–{ImportRequest.MaxBatchSize:N0})",
            HelpName = "N",
            DefaultValueFactory = _ => ImportRequest.DefaultBatchSize,
        };
        ResearchBotCommandLine.InRange(batch, ImportRequest.MinBatchSize, ImportRequest.MaxBatchSize);
        var bulk = new Option<bool>("--bulk")
        {
            Description = $"Build the search index once at the end, whatever the file's size (files of {SnapshotImporter.BulkThresholdBytes / (1024 * 1024)} MB or more always do)",
        };
        var command = new Command("import", "Load papers from a JSON-lines file, matching alerts as they are stored; Ctrl-C stops after the batch being written.")
        {
            file, batch, bulk,
        };
        command.SetAction((result, _) => VerbRunner.RunAsync("import", ResearchBotCommandLine.Rest(result), (services, output, error, ct) =>
            services.GetRequiredService<SnapshotImporter>().ImportAsync(new ImportRequest(result.GetRequiredValue(file).FullName, result.GetValue(batch), result.GetValue(bulk)), output, error, ct),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }
}
