using System.Runtime.InteropServices;
using ResearchBot.Core.Alerts.Learning;

namespace ResearchBot.Storage.Shared;

/// <summary>A row of <c>alert_models</c>: the fitted interest model of a <c>like:</c> subscription (weights as float32 little-endian).</summary>
internal sealed class ModelRow
{
    public const string Columns = "subscription_id, space_id, weights, bias, threshold";

    public long Subscription_Id { get; set; }
    public string Space_Id { get; set; } = "";
    public byte[] Weights { get; set; } = [];
    public double Bias { get; set; }
    public double Threshold { get; set; }

    /// <summary>The parameters of a model's row (<c>@subscriptionId, @space, @weights, @bias, @threshold, @now</c>), as both backends write it.</summary>
    public static object Parameters(long subscriptionId, InterestModel model, DateTimeOffset now) => new
    {
        subscriptionId, space = model.SpaceId, weights = MemoryMarshal.AsBytes(model.Weights.AsSpan()).ToArray(),
        bias = (double)model.Bias, threshold = (double)model.Threshold, now = now.ToUnixTimeMilliseconds(),
    };

    public InterestModel ToModel() =>
        new(Space_Id, MemoryMarshal.Cast<byte, float>(Weights).ToArray(), (float)Bias, (float)Threshold);
}
