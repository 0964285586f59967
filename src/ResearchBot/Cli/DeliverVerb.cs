using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using ResearchBot.Alerts;

namespace ResearchBot.Cli;

/// <summary><c>researchbot deliver --once</c>: runs <see cref="OneShotDelivery"/>.</summary>
internal static class DeliverVerb
{
    public static Command Create()
    {
        var once = new Option<bool>("--once")
        {
            Description = "Deliver what is due now and exit (required: the bot's background service delivers on its own)",
        };
        var command = new Command("deliver", "Deliver every pending alert that is due now (console channels print to stdout), then exit.");
        ResearchBotCommandLine.RequireFlag(command, once, "the bot's background service delivers on its own; this verb runs one pass");
        command.SetAction((result, _) => VerbRunner.RunAsync("deliver", ResearchBotCommandLine.Rest(result), (services, output, _, ct) =>
            services.GetRequiredService<OneShotDelivery>().RunAsync(output, ct),
            result.InvocationConfiguration.Output, result.InvocationConfiguration.Error));
        return command;
    }
}
