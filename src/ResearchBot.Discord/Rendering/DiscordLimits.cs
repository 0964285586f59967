namespace ResearchBot.Discord.Rendering;

/// <summary>Discord's documented message and embed limits (protocols.md §1.5).</summary>
public static class DiscordLimits
{
    public const int Content = 2000;
    public const int Embeds = 10;
    public const int Title = 256;
    public const int Description = 4096;
    public const int Fields = 25;
    public const int FieldName = 256;
    public const int FieldValue = 1024;
    public const int Footer = 2048;
    public const int EmbedTotal = 6000;
    public const int Attachments = 10;
    public const int AutocompleteChoices = 25;
    public const int ChoiceText = 100;
    public const int CustomId = 100;
    public const int ButtonUrl = 512;
}
