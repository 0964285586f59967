using ResearchBot.Core.Papers;

namespace ResearchBot.Core.Commands.Actions;

/// <summary>
/// Commands run on a message someone else wrote: Discord's message context-menu command and Slack's message
/// shortcut. Each adapter hands over the message's texts (content, then embeds or attachments); the first paper
/// reference in them becomes a <c>/similar</c> run, answered like the typed command.
/// </summary>
public static class MessageCommands
{
    /// <summary>The Discord message command's name (mixed case and spaces are allowed there) and the Slack shortcut's.</summary>
    public const string SimilarPapersName = "Similar papers";

    /// <summary>The Slack message shortcut's <c>callback_id</c> (the app manifest declares it).</summary>
    public const string SimilarPapersCallbackId = "similar_papers";

    /// <summary>What a person sees, privately, when the message names no paper.</summary>
    public const string NoReference = "That message has no paper link or id in it (arXiv, DOI, Hugging Face or alphaXiv).";

    /// <summary>The <c>/similar</c> run for the first paper named in <paramref name="texts"/>; null when none is.</summary>
    public static CommandInput.Text? SimilarPapers(IEnumerable<string?> texts) =>
        PaperMention.FindFirst(texts) is { } mention ? new CommandInput.Text("similar", mention.Query) : null;
}
