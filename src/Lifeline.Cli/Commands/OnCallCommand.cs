using System.CommandLine;
using Lifeline.Cli.Api;
using Lifeline.Cli.Output;

namespace Lifeline.Cli.Commands;

/// <summary>
/// <c>oncall [SCHEDULE|ROLE]</c>: who is on call now and who is next, for every schedule or for one schedule or a role
/// held through one. Times are shown in the schedule's zone, as the people on call read them.
/// </summary>
public static class OnCallCommand
{
    private sealed record OnCallRow(string Schedule, string? Role, OnCallView OnCall);

    public static Command Create(CommandContext context)
    {
        var name = new Argument<string?>("SCHEDULE_OR_ROLE")
        {
            Description = "A schedule or a role held through one, e.g. \"Incident Manager 1\" (any unambiguous part of its name); all schedules without it",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var command = new Command("oncall", "Who is on call now, until when and why, and who is next") { name };
        context.SetAction(command, async (parse, ct) =>
        {
            using var client = context.Connect();
            var rows = new List<OnCallRow>();
            foreach (var (schedule, role) in await FindAsync(client, parse.GetValue(name), ct))
            {
                rows.Add(new OnCallRow(schedule.Name, role, ApiJson.Read<OnCallView>(await client.GetAsync($"schedules/{schedule.Id}/on-call", ct))));
            }
            if (parse.GetValue(context.Json))
            {
                JsonOutput.Write(context.Out, rows);
                return;
            }
            var table = new Table("SCHEDULE", "ON CALL NOW", "UNTIL", "WHY", "NEXT", "FROM");
            foreach (var row in rows)
            {
                var now = row.OnCall.OnCall;
                var next = row.OnCall.Next;
                table.Add(row.Role is null ? row.Schedule : $"{row.Schedule} ({row.Role})",
                    now.Count == 0 ? "nobody (a gap)" : string.Join(", ", now.Select(p => p.Name)),
                    now.Count == 0 ? Local(next?.From, row.OnCall.TimeZone) : Local(now.Min(p => p.Until), row.OnCall.TimeZone),
                    now.Count == 0 ? "" : string.Join("; ", now.Select(p => p.Why).Distinct()),
                    next is null ? "" : next.Gap ? "nobody (a gap)" : string.Join(", ", next.People.Select(p => p.Name)),
                    Local(next?.From, row.OnCall.TimeZone));
            }
            if (table.Count > 0)
            {
                table.Write(context.Out);
            }
            else
            {
                context.Out.WriteLine("No schedules.");
            }
        });
        return command;
    }

    private static string Local(DateTimeOffset? instant, string zone)
    {
        if (instant is not { } at)
        {
            return "";
        }
        var local = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(zone));
        return local.ToString("ddd yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Every schedule without a name; else the schedules that match it, or the schedule of the role that matches it.</summary>
    private static async Task<List<(ScheduleSummary Schedule, string? Role)>> FindAsync(LifelineApiClient client, string? name, CancellationToken ct)
    {
        var schedules = ApiJson.Read<Page<ScheduleSummary>>(await client.GetAsync(ListOptions.Query("schedules", null, page: null, pageSize: 200), ct)).Items;
        if (string.IsNullOrWhiteSpace(name))
        {
            return [.. schedules.Select(s => (s, (string?)null))];
        }
        var wanted = name.Trim();
        var exactSchedule = schedules.Where(s => string.Equals(s.Name, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        if (exactSchedule.Count == 1)
        {
            return [(exactSchedule[0], null)];
        }
        // A role by its name as people say it ("Incident Manager 1" is also the start of "... Primary Backup": exact wins).
        var roles = ApiJson.Read<Page<RoleView>>(await client.GetAsync(ListOptions.Query("roles", wanted, page: null, pageSize: 200), ct)).Items;
        var exactRoles = roles.Where(r => string.Equals(r.Name, wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        var matchingRoles = exactRoles.Count > 0 ? exactRoles : [.. roles.Where(r => r.Name.Contains(wanted, StringComparison.OrdinalIgnoreCase))];
        if (matchingRoles.Count == 1)
        {
            var role = matchingRoles[0];
            return role.ScheduleId is { } id && schedules.FirstOrDefault(s => s.Id == id) is { } held
                ? [(held, role.Name)]
                : throw new CliFailure($"{role.Name} is held directly, not through a schedule: lifeline contacts \"{role.Name}\" lists its holders", ExitCodes.Failure);
        }
        var matchingSchedules = schedules.Where(s => s.Name.Contains(wanted, StringComparison.OrdinalIgnoreCase)).ToList();
        return matchingSchedules.Count switch
        {
            1 => [(matchingSchedules[0], null)],
            0 when matchingRoles.Count == 0 => throw new CliFailure($"no schedule or role named '{wanted}': lifeline oncall lists the schedules", ExitCodes.Failure),
            _ => throw new CliFailure($"'{wanted}' could be any of: {string.Join(", ", matchingSchedules.Select(s => s.Name).Concat(matchingRoles.Select(r => r.Name)))}; give the full name", ExitCodes.Failure),
        };
    }
}
