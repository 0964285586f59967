using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ResearchBot.Core.Alerts;
using ResearchBot.Core.Authors;
using ResearchBot.Core.Commands;
using ResearchBot.Core.Commands.Help;
using ResearchBot.Core.Papers;
using ResearchBot.Core.Replies;
using ResearchBot.Core.Similarity;
using ResearchBot.TestKit;

namespace ResearchBot.Core.Tests.Commands.Help;

public sealed class HelpCommandTests
{
    /// <summary>
    /// Every command <see cref="CoreServiceCollectionExtensions.AddCommands"/> registers, on in-memory ports, plus any
    /// <paramref name="extra"/> ones. The similarity and alert ports are only needed to build their commands: /help never
    /// calls them, and <see cref="UnusedPort"/> fails the test if it does.
    /// </summary>
    private static ServiceProvider Services(params ICommand[] extra)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton<IPaperIndex, InMemoryPaperIndex>();
        services.AddSingleton<IAuthorDirectory, InMemoryAuthorDirectory>();
        services.AddSingleton(UnusedPort.Of<ISimilarityIndex>());
        services.AddSingleton(UnusedPort.Of<IAlertStore>());
        services.AddResearchBotCore().AddCommands();
        foreach (var command in extra)
        {
            services.AddSingleton(command);
        }

        return services.BuildServiceProvider();
    }

    private static HelpCommand Help(ServiceProvider services) =>
        services.GetServices<ICommand>().OfType<HelpCommand>().Single();

    [Fact]
    public async Task Help_NoArgument_ListsEveryRegisteredCommandWithUsageAndDescription()
    {
        using var services = Services(new AdminCommand());
        var registered = services.GetServices<ICommand>().Select(c => c.Spec).Where(s => !s.ButtonOnly).ToList(); // button-only commands (alertlike, vote) are not listed

        var reply = await CommandHarness.ReplyAsync(Help(services), "");

        Assert.Equal("ResearchBot commands", reply.Title);
        Assert.Equal(ReplyVisibility.Private, reply.Visibility);
        var lines = reply.Sections.Single(s => s.Heading == "Commands").Lines;
        Assert.Equal(registered.Count, lines.Length);
        foreach (var spec in registered)
        {
            Assert.Contains($"{spec.Usage} — {spec.Description}", lines);
        }

        // Alphabetically, the test's own command included.
        Assert.Equal(["/admin", "/author", "/help", "/paper", "/search", "/similar", "/subscribe", "/subscriptions", "/trending", "/unsubscribe"],
            lines.Select(l => l.Split(' ')[0]));
        Assert.Contains("/search QUERY [limit:N] [page:N] — Find papers by keywords in their title and abstract", lines);
        Assert.Contains("/trending [WINDOW] [limit:N] — Most upvoted papers today or this week", lines);
    }

    [Theory]
    [InlineData("search")]
    [InlineData("/search")]
    [InlineData("SEARCH")]
    public async Task Help_Command_ExplainsItsOptionsAndExamples(string name)
    {
        using var services = Services();

        var reply = await CommandHarness.ReplyAsync(Help(services), name);

        Assert.Equal("/search QUERY [limit:N] [page:N]", reply.Title);
        Assert.Equal("Find papers by keywords in their title and abstract", reply.Body);
        Assert.Equal(
            ["QUERY — Keywords; \"quoted phrases\" match exactly (required), e.g. spiking neural networks", "limit: — How many papers to show (1–25)", "page: — Which page of results (1–10)"],
            reply.Sections.Single(s => s.Heading == "Options").Lines);
        Assert.Equal(["/search neural data analysis", "/search \"causal inference\" limit:10"], reply.Sections.Single(s => s.Heading == "Examples").Lines);
        Assert.Null(reply.Footer);
    }

    [Fact]
    public async Task Help_CommandWithDetails_AddsThemAfterTheDescription()
    {
        using var services = Services();

        var reply = await CommandHarness.ReplyAsync(Help(services), "author");

        Assert.Equal("/author NAME [show:summary|papers|coauthors] [page:N]", reply.Title);
        Assert.StartsWith("Summarise a researcher: papers, citations, h-index, topics, co-authors\n\nNames are matched without regard to case", reply.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_CommandThatNeedsChannelRights_SaysSo()
    {
        using var services = Services(new AdminCommand());

        var reply = await CommandHarness.ReplyAsync(Help(services), "admin");

        Assert.Equal("Needs the right to manage the channel.", reply.Footer);
        Assert.DoesNotContain(reply.Sections, s => s.Heading == "Options");
    }

    [Theory]
    [InlineData("serch", "There is no command `/serch`. Did you mean `/search`?")]
    [InlineData("/trend", "There is no command `/trend`. Did you mean `/trending`?")]
    [InlineData("xyzzy", "There is no command `/xyzzy`. `/help` lists them all.")]
    public async Task Help_UnknownCommand_SuggestsTheClosestOrPointsToTheList(string name, string message)
    {
        using var services = Services();

        var result = await CommandHarness.ExecuteAsync(Help(services), name);

        Assert.Equal(message, Assert.IsType<CommandResult.NotFound>(result).Message);
    }

    [Fact]
    public void Help_Spec_IsQuick() => Assert.True(new HelpCommand(new ServiceCollection().BuildServiceProvider()).Spec.Quick);

    /// <summary>A port that exists only so a command can be built; any call fails the test.</summary>
    public class UnusedPort : DispatchProxy
    {
        public static T Of<T>()
            where T : class => Create<T, UnusedPort>();

        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new InvalidOperationException($"/help called {targetMethod?.DeclaringType?.Name}.{targetMethod?.Name}");
    }

    private sealed class AdminCommand : ICommand
    {
        public CommandSpec Spec { get; } = new("admin", "Change something about this channel", []) { RequiresChannelAdmin = true };

        public ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken) =>
            ValueTask.FromResult(CommandResult.Ok(new Reply { Body = "done" }));
    }
}
