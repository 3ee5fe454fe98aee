using System.CommandLine;
using System.CommandLine.Help;
using Lifeline.Cli.Commands;

namespace Lifeline.Cli;

/// <summary>Entry point of the <c>lifeline</c> command.</summary>
public static class LifelineCli
{
    public static Task<int> Main(string[] args) => RunAsync(args, new CliHost());

    /// <summary>Runs one command line against the given host (tests pass writers, a config path and an in-memory handler).</summary>
    public static Task<int> RunAsync(string[] args, CliHost host, CancellationToken ct = default)
    {
        var root = BuildRoot(host);
        var configuration = new InvocationConfiguration { Output = host.Out, Error = host.Error };
        return root.Parse(args).InvokeAsync(configuration, ct);
    }

    public static Command BuildRoot(CliHost host)
    {
        var context = new CommandContext(host);
        // Not a RootCommand: that one names itself after the assembly (Lifeline.Cli), while people type "lifeline".
        var root = new Command("lifeline", "The Lifeline command line. Start with: lifeline login --server URL --user NAME")
        {
            new HelpOption(),
            new VersionOption(),
        };
        root.Options.Add(context.Json);
        foreach (var command in AuthCommands.Create(context))
        {
            root.Subcommands.Add(command);
        }
        root.Subcommands.Add(PeopleCommands.Create(context));
        foreach (var command in DirectoryCommands.Create(context))
        {
            root.Subcommands.Add(command);
        }
        root.Subcommands.Add(ContactsCommand.Create(context));
        root.Subcommands.Add(IncidentCommands.Create(context));
        root.Subcommands.Add(SheetCommand.Create(context));
        foreach (var command in JournalCommands.Create(context))
        {
            root.Subcommands.Add(command);
        }
        root.Subcommands.Add(OnCallCommand.Create(context));
        root.Subcommands.Add(PolicyCommands.Create(context));
        foreach (var command in PlanCommands.Create(context))
        {
            root.Subcommands.Add(command);
        }
        foreach (var command in ConfigCommands.Create(context))
        {
            root.Subcommands.Add(command);
        }
        return root;
    }
}
