using ResearchBot.Sources.Http;

namespace ResearchBot.Sources.HuggingFace;

/// <summary>The Hugging Face HTTP client with its own light gate (one request a second).</summary>
public sealed class HuggingFaceHttp(SourceHttp client)
{
    public SourceHttp Client { get; } = client;
}
