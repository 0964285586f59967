using Microsoft.Extensions.Options;
using ResearchBot.Core.Replies;

namespace ResearchBot.ConsoleChat;

/// <summary>Writes a reply to a terminal: attachments become files whose paths are printed.</summary>
public sealed class ConsoleReplyWriter(IOptions<ConsoleChatOptions> options)
{
    public async Task WriteAsync(Reply reply, TextWriter output, CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        foreach (var attachment in reply.Attachments.IsDefault ? [] : reply.Attachments)
        {
            var dir = Path.GetFullPath(options.Value.ChartDirectory);
            Directory.CreateDirectory(dir);
            var safeName = string.Concat(attachment.FileName.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
            var path = Path.Combine(dir, safeName);
            await File.WriteAllBytesAsync(path, attachment.Content.ToArray(), cancellationToken);
            paths.Add(path);
        }

        await output.WriteAsync(PlainTextRenderer.Render(reply, paths).AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }
}
