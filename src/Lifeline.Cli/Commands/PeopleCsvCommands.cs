using System.CommandLine;
using System.Text.Json;
using Lifeline.Cli.Output;

namespace Lifeline.Cli.Commands;

/// <summary>
/// <c>people import FILE [--apply]</c> and <c>people export -o FILE</c>: the directory's people as CSV, through
/// <c>/api/v1/people/import</c> and <c>/api/v1/people/export</c>. Without <c>--apply</c> an import is a preview.
/// </summary>
public static class PeopleCsvCommands
{
    private const string Csv = "text/csv";

    public static Command Import(CommandContext context)
    {
        var file = new Argument<string>("FILE") { Description = "A CSV file with a header line: name, title, time_zone, teams, roles, email, work_phone, cell_phone, notes" };
        var apply = new Option<bool>("--apply") { Description = "Store every row (all or nothing); without it, only show what would happen" };
        var command = new Command("import", "Preview a CSV file of people and their contact methods; with --apply, store it") { file, apply };
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
            var answer = await client.PostTextAsync($"people/import?apply={(parse.GetValue(apply) ? "true" : "false")}", text, Csv, ct);
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, answer);
                return;
            }
            var rows = answer.GetProperty("rows").EnumerateArray().ToList();
            var errors = rows.Where(r => r.GetProperty("errors").GetArrayLength() > 0).ToList();
            foreach (var row in errors)
            {
                foreach (var error in row.GetProperty("errors").EnumerateArray())
                {
                    await context.Out.WriteLineAsync($"row {Row(row)}: {error.GetString()}");
                }
            }
            if (errors.Count == 0)
            {
                foreach (var row in rows.Where(r => r.GetProperty("action").GetString() is "Create" or "Update"))
                {
                    var changes = string.Join("; ", row.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
                    await context.Out.WriteLineAsync($"row {Row(row)}: {row.GetProperty("action").GetString()!.ToLowerInvariant()} {row.GetProperty("name").GetString()}: {changes}");
                }
            }
            await context.Out.WriteLineAsync(answer.GetProperty("summary").GetString());
            if (errors.Count > 0)
            {
                throw new CliFailure($"{errors.Count} row(s) of {path} have errors; nothing was stored", ExitCodes.Failure);
            }
            if (!answer.GetProperty("applied").GetBoolean() && rows.Any(r => r.GetProperty("action").GetString() is "Create" or "Update"))
            {
                await context.Out.WriteLineAsync("Run again with --apply to store these people.");
            }
        });
        return command;
    }

    public static Command Export(CommandContext context)
    {
        var output = new Option<string?>("--output", "-o") { Description = "Write the file here (readable by you alone) instead of to standard output" };
        var command = new Command("export", "Write the directory's people as CSV, in the columns people import reads (contact reads are in the access log)") { output };
        context.SetAction(command, async (parse, ct) =>
        {
            using var client = context.Connect();
            var csv = await client.GetTextAsync("people/export?format=csv", Csv, ct);
            if (parse.GetValue(output) is not { Length: > 0 } path)
            {
                await context.Out.WriteAsync(csv);
                return;
            }
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            try
            {
                await using var file = new StreamWriter(path, System.Text.Encoding.UTF8, options);
                await file.WriteAsync(csv.AsMemory(), ct);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliFailure($"cannot write {path}: {e.Message}", ExitCodes.Failure);
            }
            await context.Out.WriteLineAsync($"Wrote {path}.");
        });
        return command;
    }

    private static int Row(JsonElement row) => row.GetProperty("row").GetInt32();
}
