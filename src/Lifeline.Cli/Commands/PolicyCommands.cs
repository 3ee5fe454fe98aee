using System.CommandLine;
using Lifeline.Cli.Api;
using Lifeline.Cli.Output;

namespace Lifeline.Cli.Commands;

/// <summary>
/// <c>policy dry-run POLICY --service S --at TIME</c>: who the escalation policy would page, at which minute and by which
/// channel, for an incident of the service at that moment if nobody acknowledged. The server decides (the same dry run as
/// the console's); nothing is paged or stored.
/// </summary>
public static class PolicyCommands
{
    public static Command Create(CommandContext context)
    {
        var policy = new Argument<string>("POLICY") { Description = "The escalation policy (its name, any unambiguous part of it, or its id)" };
        var service = new Option<string>("--service") { Description = "The affected service (name or id)", Required = true };
        var at = IncidentCommands.TimeOption("--at", "The moment the incident would open (e.g. \"2026-11-24 20:00\", local time unless an offset is given); now without it");
        var severity = new Option<int?>("--severity") { Description = "The severity; a severity that does not escalate pages nobody" };
        var dryRun = new Command("dry-run", "Who the policy would page, minute by minute, without paging anyone") { policy, service, at, severity };
        context.SetAction(dryRun, async (parse, ct) =>
        {
            using var client = context.Connect();
            var policyId = await Lookup.PolicyAsync(client, parse.GetValue(policy)!, ct);
            var serviceId = await Lookup.ServiceAsync(client, parse.GetValue(service)!, ct);
            var json = await client.PostAsync($"escalation-policies/{policyId}/dry-run",
                new { serviceId, at = parse.GetValue(at) ?? context.Host.Now(), severity = parse.GetValue(severity) }, ct);
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, json);
                return;
            }
            var run = ApiJson.Read<EscalationDryRunView>(json);
            context.Out.WriteLine($"{run.PolicyName} for {run.ServiceName} at {run.At:yyyy-MM-dd HH:mm} UTC. {run.Summary}");
            var table = new Table("MINUTE", "TIER", "PERSON", "CHANNEL", "WHY");
            foreach (var line in run.Lines)
            {
                table.Add(line.Minute.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    line.Repeat == 0 ? $"{line.Tier}" : $"{line.Tier} (repeat {line.Repeat})",
                    line.Person,
                    line.Paged ? line.Channel : "not paged",
                    line.Why);
            }
            if (table.Count > 0)
            {
                table.Write(context.Out);
            }
            context.Out.WriteLine(run.End);
        });
        return new Command("policy", "Escalation policies") { dryRun };
    }
}
