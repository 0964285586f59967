using System.ComponentModel.DataAnnotations;

namespace ResearchBot.Similarity.Onnx;

/// <summary>What a paper's embedded text is made of.</summary>
public enum PaperText
{
    /// <summary>"Title. Abstract" (truncated at <see cref="OnnxEmbedderOptions.MaxTokens"/>).</summary>
    TitleAbstract,

    /// <summary>The title alone.</summary>
    Title,

    /// <summary>The abstract alone (the title when there is none).</summary>
    Abstract,
}

/// <summary>The ONNX Runtime execution provider.</summary>
public enum ExecutionProvider
{
    /// <summary>The CPU (default, the tested path).</summary>
    Cpu,

    /// <summary>CUDA: needs the build made with <c>-p:OnnxGpu=true</c> and CUDA 12 / cuDNN 9 on the host.</summary>
    Cuda,
}

/// <summary>
/// Section <c>Similarity:Embedder</c>: the sentence-embedding model behind the neural engine. A record, so one model's
/// settings are the section's <c>with</c> another <see cref="Model"/> (every setting carried, new ones included).
/// </summary>
public sealed record OnnxEmbedderOptions
{
    public const string Section = "Similarity:Embedder";

    /// <summary>The model (chosen by measurement on the dev corpus: see README, "Neural engine").</summary>
    [EnumDataType(typeof(SentenceModelKind), ErrorMessage = "Similarity:Embedder:Model must be MiniLm or ArcticXs.")]
    public SentenceModelKind Model { get; set; } = SentenceModelKind.MiniLm;

    /// <summary>Word pieces per text, [CLS] and [SEP] included; longer texts are cut (0: the model's training length).</summary>
    [Range(0, 512, ErrorMessage = "Similarity:Embedder:MaxTokens must be between 0 (the model's own) and 512.")]
    public int MaxTokens { get; set; } = DefaultMaxTokens;

    /// <summary>
    /// The measured default of <see cref="MaxTokens"/>: MiniLM's inference limit, so nothing is cut that the model could
    /// read. Cutting at 128 (its training length) lost 0.024 category-P@10 on the first 1,000 dev papers, and 256 still
    /// embeds 80 papers/s on 2 cores (README, "Neural engine").
    /// </summary>
    public const int DefaultMaxTokens = 256;

    /// <summary>What of a paper is embedded.</summary>
    [EnumDataType(typeof(PaperText), ErrorMessage = "Similarity:Embedder:Text must be TitleAbstract, Title or Abstract.")]
    public PaperText Text { get; set; } = PaperText.TitleAbstract;

    /// <summary>
    /// Run the model's matrix products in int8 (weights quantised per column at load time, activations per batch):
    /// several times faster on CPUs with AVX-512 VNNI / AVX-VNNI, at a small cost in quality (see README).
    /// </summary>
    public bool Int8 { get; set; } = true;

    /// <summary>Texts run together in one batch (after sorting by length, so padding stays small).</summary>
    [Range(1, 1024, ErrorMessage = "Similarity:Embedder:BatchSize must be between 1 and 1024.")]
    public int BatchSize { get; set; } = 32;

    /// <summary>ONNX Runtime intra-op threads (0: one per core).</summary>
    [Range(0, 256, ErrorMessage = "Similarity:Embedder:Threads must be between 0 (one per core) and 256.")]
    public int Threads { get; set; }

    /// <summary>Where the model runs.</summary>
    [EnumDataType(typeof(ExecutionProvider), ErrorMessage = "Similarity:Embedder:Provider must be Cpu or Cuda.")]
    public ExecutionProvider Provider { get; set; } = ExecutionProvider.Cpu;

    /// <summary>The CUDA device when <see cref="Provider"/> is <see cref="ExecutionProvider.Cuda"/>.</summary>
    [Range(0, 64, ErrorMessage = "Similarity:Embedder:CudaDevice must be between 0 and 64.")]
    public int CudaDevice { get; set; }
}
