using System.Text.Json;

namespace ResearchBot.Slack.Interactivity;

/// <summary>
/// The parts of a <c>message_action</c> payload (a message shortcut) we use: who invoked which shortcut where, the
/// texts of the message it was invoked on, and where to answer. All of it is untrusted input.
/// </summary>
/// <param name="Texts">
/// In reading order: the message's <c>text</c> (Slack's <c>&lt;url|label&gt;</c> markup included), the URLs of link
/// elements in its rich-text blocks and the texts of its other blocks (an app's message often has its links only in
/// section or context text), then each attachment's (link preview's) URLs, title and text.
/// </param>
public sealed record MessageShortcutPayload(string TeamId, string ChannelId, string UserId, string CallbackId, string ResponseUrl, IReadOnlyList<string> Texts)
{
    /// <summary>How deep block nesting is walked for link elements; real rich text is 3–4 levels.</summary>
    private const int MaxDepth = 8;

    /// <summary>Null unless the payload is a message_action with a callback_id, team, channel, user and response_url.</summary>
    public static MessageShortcutPayload? FromJson(JsonElement payload)
    {
        if (payload.ValueKind != JsonValueKind.Object || String(payload, "type") != "message_action")
        {
            return null;
        }

        var team = Id(payload, "team") ?? (payload.TryGetProperty("user", out var u) && u.ValueKind == JsonValueKind.Object ? String(u, "team_id") : null);
        var channel = Id(payload, "channel");
        var user = Id(payload, "user");
        var callback = String(payload, "callback_id");
        var responseUrl = String(payload, "response_url");
        if (team is null || channel is null || user is null || callback is null || responseUrl is null)
        {
            return null;
        }

        var texts = new List<string>();
        if (payload.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
        {
            Add(texts, String(message, "text"));
            if (message.TryGetProperty("blocks", out var blocks))
            {
                LinkUrls(blocks, texts, 0);
            }

            if (message.TryGetProperty("attachments", out var attachments) && attachments.ValueKind == JsonValueKind.Array)
            {
                foreach (var attachment in attachments.EnumerateArray().Where(a => a.ValueKind == JsonValueKind.Object))
                {
                    foreach (var field in (string[])["from_url", "original_url", "title_link", "title", "text"])
                    {
                        Add(texts, String(attachment, field));
                    }
                }
            }
        }

        return new MessageShortcutPayload(team, channel, user, callback, responseUrl, texts);
    }

    /// <summary>
    /// Rich-text <c>{"type":"link","url":…}</c> elements and <c>mrkdwn</c>/<c>plain_text</c> text objects, depth first.
    /// </summary>
    private static void LinkUrls(JsonElement node, List<string> texts, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }

        if (node.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in node.EnumerateArray())
            {
                LinkUrls(item, texts, depth + 1);
            }
        }
        else if (node.ValueKind == JsonValueKind.Object)
        {
            switch (String(node, "type"))
            {
                case "link":
                    Add(texts, String(node, "url"));
                    break;
                case "mrkdwn" or "plain_text":
                    Add(texts, String(node, "text"));
                    break;
            }

            foreach (var property in node.EnumerateObject().Where(p => p.Value.ValueKind is JsonValueKind.Array or JsonValueKind.Object))
            {
                LinkUrls(property.Value, texts, depth + 1);
            }
        }
    }

    private static void Add(List<string> texts, string? text)
    {
        if (text is not null)
        {
            texts.Add(text);
        }
    }

    private static string? Id(JsonElement e, string name) =>
        e.TryGetProperty(name, out var o) && o.ValueKind == JsonValueKind.Object ? String(o, "id") : null;

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;
}
