using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace ResearchBot.Discord.Tests.Fakes;

/// <summary>Keeps log entries so tests can assert on EventIds.</summary>
public sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(EventId Id, LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        Entries.Enqueue((eventId, logLevel, formatter(state, exception) + (exception is null ? "" : " | " + exception)));
        if (Environment.GetEnvironmentVariable("DISCORD_TEST_LOG") == "1")
        {
            File.AppendAllText("/tmp/discord-test.log", $"[{typeof(T).Name}] {eventId.Id} {formatter(state, exception)} {exception}\n");
        }
    }
}
