using Microsoft.Extensions.Logging;

namespace ResearchBot.Similarity;

/// <summary>Similarity log events, EventIds 7000–7999.</summary>
internal static partial class Log
{
    [LoggerMessage(7000, LogLevel.Information, "Similarity index loaded: model v{Version}, {Papers} papers in {ElapsedMs} ms", EventName = "IndexLoaded")]
    public static partial void IndexLoaded(ILogger logger, int version, int papers, long elapsedMs);

    [LoggerMessage(7001, LogLevel.Information, "Fitted LSA model v{Version} ({Dimensions} dims, {Terms} terms) on {Sample} of {Papers} papers; projected all in {ElapsedMs} ms", EventName = "ModelFitted")]
    public static partial void ModelFitted(ILogger logger, int version, int dimensions, int terms, int sample, long papers, long elapsedMs);

    [LoggerMessage(7002, LogLevel.Information, "Projected {Count} papers missing from the similarity index", EventName = "CaughtUp")]
    public static partial void CaughtUp(ILogger logger, int count);

    [LoggerMessage(7003, LogLevel.Error, "Building the similarity index failed; /similar answers 'not ready' until the next attempt", EventName = "BuildFailed")]
    public static partial void BuildFailed(ILogger logger, Exception exception);

    [LoggerMessage(7004, LogLevel.Information, "The index grew from {FittedOn} to {Papers} papers; refitting the similarity model", EventName = "RefitStarted")]
    public static partial void RefitStarted(ILogger logger, long fittedOn, long papers);

    [LoggerMessage(7005, LogLevel.Warning, "Keyword fusion failed; answering from vectors only", EventName = "FusionFailed")]
    public static partial void FusionFailed(ILogger logger, Exception exception);

    [LoggerMessage(7100, LogLevel.Information, "No neural model {Kind} yet ({Papers} papers): answers use LSA until the background embedding has covered the index", EventName = "NeuralModelMissing")]
    public static partial void NeuralModelMissing(ILogger logger, string kind, long papers);

    [LoggerMessage(7101, LogLevel.Information, "Neural model {Kind} v{Version} has {Dimensions} dimensions, {Configured} are configured: a new version will be fitted", EventName = "NeuralModelStale")]
    public static partial void NeuralModelStale(ILogger logger, string kind, int version, int dimensions, int configured);

    [LoggerMessage(7102, LogLevel.Information, "Neural index {Kind} v{Version} loaded: {Embedded} of {Papers} papers embedded, in {ElapsedMs} ms", EventName = "NeuralIndexLoaded")]
    public static partial void NeuralIndexLoaded(ILogger logger, string kind, int version, int embedded, long papers, long elapsedMs);

    [LoggerMessage(7103, LogLevel.Error, "Loading the neural index failed; answers use LSA", EventName = "NeuralLoadFailed")]
    public static partial void NeuralLoadFailed(ILogger logger, Exception exception);

    [LoggerMessage(7104, LogLevel.Information, "Every paper is embedded: /similar now answers with {Engine} ({Papers} papers)", EventName = "SwitchedToNeural")]
    public static partial void SwitchedToNeural(ILogger logger, string engine, int papers);

    [LoggerMessage(7105, LogLevel.Information, "Background embedding not started: job {Job} is held by another process", EventName = "EmbeddingLeaseHeld")]
    public static partial void EmbeddingLeaseHeld(ILogger logger, string job);

    [LoggerMessage(7106, LogLevel.Information, "Background embedding ({Kind}) started: {Embedded} of {Papers} papers embedded", EventName = "EmbeddingStarted")]
    public static partial void EmbeddingStarted(ILogger logger, string kind, int embedded, long papers);

    [LoggerMessage(7107, LogLevel.Information, "Neural index ({Kind}) {Percent} %: {Embedded} of {Papers} papers embedded", EventName = "EmbeddingProgressed")]
    public static partial void EmbeddingProgressed(ILogger logger, string kind, int percent, int embedded, long papers);

    [LoggerMessage(7108, LogLevel.Information, "Background embedding ({Kind}) ended: {Added} papers embedded now, {Embedded} of {Papers} in all, in {ElapsedS} s; complete: {Complete}", EventName = "EmbeddingEnded")]
    public static partial void EmbeddingEnded(ILogger logger, string kind, int added, int embedded, long papers, long elapsedS, bool complete);

    [LoggerMessage(7109, LogLevel.Information, "Fitted neural model {Kind} v{Version}: {Reduction} {Input} → {Dimensions} dimensions, vocabulary on {Sample} papers, in {ElapsedMs} ms", EventName = "NeuralModelFitted")]
    public static partial void NeuralModelFitted(ILogger logger, string kind, int version, string reduction, int input, int dimensions, int sample, long elapsedMs);

    [LoggerMessage(7122, LogLevel.Warning, "The category projection shipped for {Kind} does not fit its {Input}-dimensional vectors or cannot be read; PCA is fitted on the index instead", EventName = "NeuralProjectionUnusable")]
    public static partial void NeuralProjectionUnusable(ILogger logger, string kind, int input, Exception? exception);

    [LoggerMessage(7110, LogLevel.Warning, "Embedding {Count} new papers failed; the next background run embeds them", EventName = "EmbedOnArrivalFailed")]
    public static partial void EmbedOnArrivalFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(7111, LogLevel.Warning, "Embedding a query failed; answering 'not ready'", EventName = "QueryEmbeddingFailed")]
    public static partial void QueryEmbeddingFailed(ILogger logger, Exception exception);

    [LoggerMessage(7112, LogLevel.Warning, "Keyword fusion failed; answering from neural vectors only", EventName = "NeuralFusionFailed")]
    public static partial void NeuralFusionFailed(ILogger logger, Exception exception);

    [LoggerMessage(7113, LogLevel.Error, "Background embedding failed; answers use LSA until the next run", EventName = "EmbeddingFailed")]
    public static partial void EmbeddingFailed(ILogger logger, Exception exception);

    [LoggerMessage(7114, LogLevel.Information, "Similarity engine: {Engine} (Similarity:Engine = {Configured})", EventName = "EngineChosen")]
    public static partial void EngineChosen(ILogger logger, string engine, string configured);

    [LoggerMessage(7115, LogLevel.Information, "Loaded similarity model {Kind} v{Version} that another process completed ({Count} papers)", EventName = "ModelReloaded")]
    public static partial void ModelReloaded(ILogger logger, string kind, int version, int count);

    [LoggerMessage(7116, LogLevel.Information, "Another process stored neural model {Kind} v{Version}; it covers {Count} of {Total} papers, so answers stay on v{Current} until it covers them all", EventName = "NeuralReloadDeferred")]
    public static partial void NeuralReloadDeferred(ILogger logger, string kind, int version, int count, long total, int current);

    [LoggerMessage(7117, LogLevel.Information, "Database-side augmentation ({Kind} v{Version}, k = {Neighbours}) started over {Papers} papers; {Done} already stored (resumed)", EventName = "AugmentationStarted")]
    public static partial void AugmentationStarted(ILogger logger, string kind, int version, int neighbours, int papers, int done);

    [LoggerMessage(7118, LogLevel.Information, "Database-side augmentation ({Kind} v{Version}) {Percent} %: {Done} of {Papers} papers", EventName = "AugmentationProgressed")]
    public static partial void AugmentationProgressed(ILogger logger, string kind, int version, int percent, int done, int papers);

    [LoggerMessage(7119, LogLevel.Information, "Database-side augmentation complete: /similar now answers with {Engine} ({Papers} papers; {Computed} computed in this run, {ElapsedS} s)", EventName = "SwitchedToAugmented")]
    public static partial void SwitchedToAugmented(ILogger logger, string engine, int papers, int computed, long elapsedS);

    [LoggerMessage(7120, LogLevel.Information, "The neural index grew from {Papers} to {Now} papers since the last augmentation pass: a full pass runs again", EventName = "AugmentationRepass")]
    public static partial void AugmentationRepass(ILogger logger, long papers, int now);

    [LoggerMessage(7121, LogLevel.Information, "Database-side augmentation stopped: the answering engine changed during the pass (another process's model); it runs again with the next job", EventName = "AugmentationAbandoned")]
    public static partial void AugmentationAbandoned(ILogger logger);
}
