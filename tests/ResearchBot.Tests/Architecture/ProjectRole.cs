namespace ResearchBot.Tests.Architecture;

/// <summary>What a project is for; the dependency rules are written between roles.</summary>
public enum ProjectRole
{
    /// <summary>ResearchBot.Core: commands, replies, domain, ports. References nothing of ours.</summary>
    Kernel,

    /// <summary>A storage backend (ResearchBot.Storage.*): implements Core's storage ports.</summary>
    StorageBackend,

    /// <summary>
    /// What the storage backends share to the letter (ResearchBot.Storage.Shared: row mappings, stored-text rules, alert
    /// code over <c>DbConnection</c> with Dapper): no database driver, referenced only by the backends.
    /// </summary>
    StorageShared,

    /// <summary>A feature (alerts, similarity, sources, charts): uses Core's ports, never a backend.</summary>
    Feature,

    /// <summary>
    /// A native engine behind a feature's port (ResearchBot.Similarity.Onnx: ONNX Runtime behind Similarity's
    /// ITextEmbedder), kept out of the feature so that its native libraries and model weights load only where composed.
    /// </summary>
    FeatureEngine,

    /// <summary>Platform-neutral network plumbing (ResearchBot.Transport) shared by the chat adapters and the sources.</summary>
    Transport,

    /// <summary>A chat platform adapter (Discord, Slack).</summary>
    ChatAdapter,

    /// <summary>The executable: chooses the backend and wires everything.</summary>
    Host,
}
