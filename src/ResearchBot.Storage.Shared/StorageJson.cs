using System.Text.Json.Serialization;
using ResearchBot.Core.Authors;

namespace ResearchBot.Storage.Shared;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(AuthorMetrics))]
internal sealed partial class StorageJson : JsonSerializerContext;
