namespace ResearchBot.Core.Commands;

/// <summary>A slash command: its declaration and its handler. Commands never see platforms or acknowledgements.</summary>
public interface ICommand
{
    CommandSpec Spec { get; }

    ValueTask<CommandResult> ExecuteAsync(CommandContext context, CommandArguments arguments, CancellationToken cancellationToken);
}

/// <summary>Optional: a command that can complete a parameter's value as the user types.</summary>
public interface ICommandAutocomplete
{
    ValueTask<IReadOnlyList<string>> CompleteAsync(string parameter, string partial, CommandContext context, CancellationToken cancellationToken);
}
