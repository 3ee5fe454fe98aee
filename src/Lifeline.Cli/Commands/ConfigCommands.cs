using System.CommandLine;
using Lifeline.Cli.Output;

namespace Lifeline.Cli.Commands;

/// <summary>
/// <c>export</c> and <c>import</c>: the directory, schedules, policies, plans, calendar and templates as a YAML file to
/// keep in version control; an import is a dry run that lists the differences until it is given <c>--apply</c>.
/// </summary>
public static class ConfigCommands
{
    private const string Yaml = "application/yaml";

    public static IEnumerable<Command> Create(CommandContext context)
    {
        yield return Export(context);
        yield return Import(context);
    }

    private static Command Export(CommandContext context)
    {
        var contacts = new Option<bool>("--contacts") { Description = "Include people's phone numbers, addresses and webhooks (recorded in the access log)" };
        var secrets = new Option<bool>("--secrets") { Description = "Include conference bridge PINs" };
        var output = new Option<string?>("--output", "-o") { Description = "Write the file here (readable by you alone) instead of to standard output" };
        var command = new Command("export", "Write the configuration as YAML: people, roles, teams, services, schedules, policies, plans, calendar, templates")
        {
            contacts, secrets, output,
        };
        context.SetAction(command, async (parse, ct) =>
        {
            using var client = context.Connect();
            var query = $"config?contacts={(parse.GetValue(contacts) ? "true" : "false")}&secrets={(parse.GetValue(secrets) ? "true" : "false")}";
            var yaml = await client.GetTextAsync(query, Yaml, ct);
            if (parse.GetValue(output) is not { Length: > 0 } path)
            {
                await context.Out.WriteAsync(yaml);
                return;
            }
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            await using (var file = new StreamWriter(path, System.Text.Encoding.UTF8, options))
            {
                await file.WriteAsync(yaml.AsMemory(), ct);
            }
            context.Out.WriteLine($"Wrote {path}.");
        });
        return command;
    }

    private static Command Import(CommandContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A YAML file as lifeline export writes it" };
        var apply = new Option<bool>("--apply") { Description = "Make the changes (all or nothing); without it, only show them" };
        var command = new Command("import", "Show how a YAML file differs from the configuration; with --apply, make the configuration match it") { file, apply };
        context.SetAction(command, async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            string text;
            try
            {
                text = await File.ReadAllTextAsync(path, ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliFailure($"cannot read {path}: {e.Message}", ExitCodes.Failure);
            }
            using var client = context.Connect();
            var answer = await client.PostTextAsync($"config/import?apply={(parse.GetValue(apply) ? "true" : "false")}", text, Yaml, ct);
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, answer);
                return;
            }
            foreach (var line in answer.GetProperty("lines").EnumerateArray())
            {
                context.Out.WriteLine(line.GetString());
            }
            context.Out.WriteLine(answer.GetProperty("summary").GetString());
            if (!answer.GetProperty("applied").GetBoolean() && answer.GetProperty("lines").GetArrayLength() > 0)
            {
                context.Out.WriteLine("Run again with --apply to make these changes.");
            }
        });
        return command;
    }
}
