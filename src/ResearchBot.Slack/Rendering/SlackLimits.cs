namespace ResearchBot.Slack.Rendering;

/// <summary>Block Kit limits (SDOCS <c>reference/block-kit/blocks</c>, <c>reference/methods/chat.postMessage</c>).</summary>
public static class SlackLimits
{
    public const int MaxBlocks = 50;
    public const int MaxSectionText = 3000;
    public const int MaxHeaderText = 150;
    public const int MaxContextElements = 10;
    public const int MaxSectionFields = 10;
    public const int MaxFieldText = 2000;

    // Interactive elements (SDOCS reference/block-kit/block-elements, composition-objects).
    public const int MaxActionElements = 25;
    public const int MaxButtonText = 75;
    public const int MaxButtonUrl = 3000;
    public const int MaxActionValue = 2000;
    public const int MaxOptionText = 75;
    public const int MaxOptionValue = 150;
    public const int MaxPlaceholderText = 150;

    /// <summary>Slack truncates <c>text</c> at 40,000 and recommends ≤ 4000.</summary>
    public const int MaxFallbackText = 4000;
}
