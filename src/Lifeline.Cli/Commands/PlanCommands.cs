using System.CommandLine;
using Lifeline.Cli.Api;
using Lifeline.Cli.Output;

namespace Lifeline.Cli.Commands;

/// <summary>
/// <c>plan dry-run PLAN --service S --at TIME</c>: who the communication plan would tell about an incident of the service
/// at that moment, on each event, by which channel and fallback; and <c>shift now</c>: which shift it is and why. The
/// server decides (the same dry run and shift calendar as the console's); nothing is sent or stored.
/// </summary>
public static class PlanCommands
{
    public static IEnumerable<Command> Create(CommandContext context)
    {
        var plan = new Argument<string>("PLAN") { Description = "The communication plan (its name, any unambiguous part of it, or its id)" };
        var service = new Option<string>("--service") { Description = "The affected service (name or id)", Required = true };
        var at = IncidentCommands.TimeOption("--at", "The moment the incident would open (e.g. \"2026-11-24 20:00\", local time unless an offset is given); now without it");
        var severity = new Option<int?>("--severity") { Description = "The severity; the plan's first without it" };
        var dryRun = new Command("dry-run", "Who the plan would tell, on which event, by which channel, without telling anyone") { plan, service, at, severity };
        context.SetAction(dryRun, async (parse, ct) =>
        {
            using var client = context.Connect();
            var planId = await Lookup.PlanAsync(client, parse.GetValue(plan)!, ct);
            var serviceId = await Lookup.ServiceAsync(client, parse.GetValue(service)!, ct);
            var json = await client.PostAsync($"communication-plans/{planId}/dry-run",
                new { serviceId, at = parse.GetValue(at) ?? context.Host.Now(), severity = parse.GetValue(severity) }, ct);
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, json);
                return;
            }
            var run = ApiJson.Read<PlanDryRunView>(json);
            context.Out.WriteLine($"{run.PlanName} for {run.ServiceName} at {run.At:yyyy-MM-dd HH:mm} UTC. {run.Summary}");
            var table = new Table("EVENT", "RULE", "PERSON", "CHANNEL", "FALLBACK", "WHY");
            foreach (var line in run.Lines)
            {
                table.Add(line.Event, line.Rule.ToString(System.Globalization.CultureInfo.InvariantCulture), line.Person,
                    line.Told ? line.Channel ?? "" : "not told", line.Fallback ?? "", line.Why);
            }
            if (table.Count > 0)
            {
                table.Write(context.Out);
            }
        });

        var now = new Command("now", "Which shift it is now (Day or Off) and why, from the shift calendar");
        context.SetAction(now, async (parse, ct) =>
        {
            using var client = context.Connect();
            var json = await client.GetAsync("shift-calendar/now", ct);
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, json);
                return;
            }
            var shift = ApiJson.Read<ShiftNow>(json);
            context.Out.WriteLine($"{shift.Shift} shift: {shift.Reason} ({shift.LocalTime:yyyy-MM-dd HH:mm} {shift.TimeZone})");
        });
        return [new Command("plan", "Communication plans") { dryRun }, new Command("shift", "The shift calendar") { now }];
    }
}
