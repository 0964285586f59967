using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using ResearchBot.Core.Replies;

namespace ResearchBot.ConsoleChat;

/// <summary>
/// A reply's actions in the console: listed under the answer as words to type (<c>more</c>, <c>similar 3</c>), and
/// read back from the next line, so every button can be tried without a chat platform.
/// </summary>
public static class ConsoleFollowUps
{
    /// <summary>"Next: more (More) · similar 1–8 (Similar to…) · arXiv https://…", or null when there is nothing.</summary>
    public static string? Describe(ImmutableArray<ReplyAction> actions)
    {
        if (actions.IsDefaultOrEmpty)
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var action in actions)
        {
            switch (action.Kind)
            {
                case ReplyActionKind.Button when action.Shortcut is { } word:
                    parts.Add($"{word} ({action.Label})");
                    break;
                case ReplyActionKind.Select when action.Shortcut is { } word && action.Choices.Length > 0:
                    parts.Add($"{word} {Numbers(action.Choices)} ({action.Label})");
                    break;
                case ReplyActionKind.Link when action.Url is { } url:
                    parts.Add($"{action.Label} {url}");
                    break;
            }
        }

        return parts.Count == 0 ? null : new StringBuilder("Next: ").AppendJoin(" · ", parts).ToString();
    }

    /// <summary>"1–8", or "1, 2, 4–8" when some listed items have no choice (a paper known by a long title only).</summary>
    private static string Numbers(ImmutableArray<ReplyChoice> choices)
    {
        var numbers = choices.Select((c, i) => c.Position ?? i + 1).Order().ToList();
        var runs = new List<string>();
        for (var i = 0; i < numbers.Count;)
        {
            var j = i;
            while (j + 1 < numbers.Count && numbers[j + 1] == numbers[j] + 1)
            {
                j++;
            }

            runs.Add(j == i ? numbers[i].ToString(CultureInfo.InvariantCulture) : $"{numbers[i]}–{numbers[j]}");
            i = j + 1;
        }

        return string.Join(", ", runs);
    }

    /// <summary>The payload a typed line asks for (<c>more</c>, <c>similar 3</c>), or null when it is no follow-up.</summary>
    public static string? Resolve(string line, ImmutableArray<ReplyAction> actions)
    {
        if (actions.IsDefaultOrEmpty)
        {
            return null;
        }

        var words = line.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length is 0 or > 2)
        {
            return null;
        }

        // A button named by two words (an alert's "up 3") is matched as a whole line first.
        if (words.Length == 2 && actions.FirstOrDefault(a => a.Kind == ReplyActionKind.Button && string.Equals(a.Shortcut, words[0] + " " + words[1], StringComparison.OrdinalIgnoreCase)) is { Payload: { } twoWords })
        {
            return twoWords;
        }

        foreach (var action in actions.Where(a => string.Equals(a.Shortcut, words[0], StringComparison.OrdinalIgnoreCase)))
        {
            if (action.Kind == ReplyActionKind.Button && words.Length == 1)
            {
                return action.Payload;
            }

            if (action.Kind == ReplyActionKind.Select && words.Length == 2
                && int.TryParse(words[1], NumberStyles.None, CultureInfo.InvariantCulture, out var n)
                && action.Choices.Select((c, i) => (Number: c.Position ?? i + 1, c.Payload)).FirstOrDefault(c => c.Number == n) is { Payload: { } chosen })
            {
                return chosen;
            }
        }

        return null;
    }
}
