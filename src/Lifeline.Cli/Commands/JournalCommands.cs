using System.CommandLine;
using Lifeline.Cli.Offline;
using Lifeline.Cli.Output;

namespace Lifeline.Cli.Commands;

/// <summary><c>lifeline journal</c> (what the offline journal holds) and <c>lifeline sync</c> (send it).</summary>
public static class JournalCommands
{
    public static IEnumerable<Command> Create(CommandContext context)
    {
        yield return Journal(context);
        yield return Sync(context);
    }

    private static Command Journal(CommandContext context)
    {
        var all = new Option<bool>("--all") { Description = "Also what was sent already and the conflicts" };
        var command = new Command("journal", "What the offline journal holds: actions taken while the server could not be reached") { all };
        context.SetAction(command, async (parse, ct) =>
        {
            var items = context.Journal.Read();
            var shown = parse.GetValue(all) ? items : [.. items.Where(i => i.IsWaiting || i.Outcome?.State == "conflict")];
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, shown);
                return;
            }
            var now = context.Host.Now();
            var table = new Table("STATE", "WHEN", "ACTION", "INCIDENT", "WHAT");
            foreach (var item in shown)
            {
                table.Add(item.Outcome?.State ?? "waiting", $"{item.Entry.OccurredAt.ToLocalTime():yyyy-MM-dd HH:mm} ({Readable.Age(item.Entry.OccurredAt, now)})",
                    item.Entry.Action, item.Outcome?.Number ?? item.Entry.Incident,
                    JournalSync.Describe(item.Entry) + (item.Outcome?.Reason is { } reason ? $" -- {reason}" : ""));
            }
            if (table.Count > 0)
            {
                table.Write(context.Out);
            }
            var waiting = items.Count(i => i.IsWaiting);
            await context.Out.WriteLineAsync(waiting == 0 ? "nothing waiting to be synced" : $"{waiting} waiting: run lifeline sync when the server can be reached");
        });
        return command;
    }

    private static Command Sync(CommandContext context)
    {
        var notify = new Option<bool>("--notify") { Description = "Send now what the events would have sent (pages, notices to the directors); by default nothing is sent for the past" };
        var command = new Command("sync", "Send the offline journal to the server, keeping the times things happened") { notify };
        context.SetAction(command, async (parse, ct) =>
        {
            var journal = context.Journal;
            if (!journal.Read().Any(i => i.IsWaiting))
            {
                await context.Out.WriteLineAsync("nothing to sync");
                return;
            }
            using var client = context.Connect();
            var report = await new JournalSync(journal, client, context.Host.Now, context.Host.Error).RunAsync(parse.GetValue(notify), ct);
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, report);
            }
            else
            {
                foreach (var line in report.Lines)
                {
                    await context.Out.WriteLineAsync(line);
                }
                await context.Out.WriteLineAsync($"{report.Sent} sent, {report.Conflicts} conflict(s), {report.StillWaiting} waiting");
            }
            if (report.Conflicts > 0)
            {
                throw new CliFailure("some entries conflict with what happened on the server meanwhile: see above, or lifeline journal", ExitCodes.Failure);
            }
        });
        return command;
    }
}
