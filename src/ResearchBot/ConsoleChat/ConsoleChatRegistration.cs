using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Core.Messaging;

namespace ResearchBot.ConsoleChat;

internal static class ConsoleChatRegistration
{
    /// <summary>The console platform: always a publisher (console channels get alerts); the chat loop only when asked.</summary>
    public static IServiceCollection AddConsoleChat(this IServiceCollection services, bool startChat)
    {
        services.AddOptions<ConsoleChatOptions>().BindConfiguration(ConsoleChatOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ConsoleReplyWriter>();
        services.AddSingleton<IChatPublisher, ConsoleChatPublisher>();
        if (startChat)
        {
            services.AddHostedService<ConsoleChatService>();
        }

        return services;
    }
}
