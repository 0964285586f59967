using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Core.Messaging;
using ResearchBot.Core.Configuration;

namespace ResearchBot.ConsoleChat;

internal static class ConsoleChatRegistration
{
    /// <summary>The console platform: always a publisher (console channels get alerts); the chat loop only when asked.</summary>
    public static IServiceCollection AddConsoleChat(this IServiceCollection services, bool startChat)
    {
        services.AddValidatedOptions<ConsoleChatOptions>(ConsoleChatOptions.Section);
        services.AddSingleton<ConsoleReplyWriter>();
        services.AddSingleton<IChatPublisher, ConsoleChatPublisher>();
        if (startChat)
        {
            services.AddHostedService<ConsoleChatService>();
        }

        return services;
    }
}
