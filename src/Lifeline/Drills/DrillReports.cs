using System.Globalization;
using System.Text.RegularExpressions;
using Lifeline.Notifications;
using Lifeline.Notifications.Delivery;
using Lifeline.Storage;
using Lifeline.Templates;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Drills;

/// <summary>
/// Reads a drill back from what its escalation left: the pages (notifications) it queued, what the providers said about
/// each (status and last error, addresses scrubbed), the answers (page answers) and whether each contact method used was
/// verified. Times are the stored instants, so a test's fake clock gives exact seconds.
/// </summary>
public sealed partial class DrillReports(LifelineDbContext db)
{
    /// <summary>How many earlier drills of the same policy the report compares with.</summary>
    private const int PreviousCount = 5;

    public async Task<DrillReport?> ReportAsync(Guid drillId, CancellationToken ct)
    {
        var drill = await db.Drills.AsNoTracking().FirstOrDefaultAsync(d => d.Id == drillId, ct);
        if (drill is null)
        {
            return null;
        }
        var (summary, people) = await ReadAsync(drill, ct);
        var earlier = await db.Drills.AsNoTracking()
            .Where(d => d.Id != drill.Id && d.StartedAt < drill.StartedAt && (d.PolicyId == drill.PolicyId || (drill.ScheduleId != null && d.ScheduleId == drill.ScheduleId)))
            .OrderByDescending(d => d.StartedAt).Take(PreviousCount).ToListAsync(ct);
        var previous = new List<DrillSummary>();
        var lastTime = new Dictionary<Guid, bool>();
        foreach (var d in earlier)
        {
            var (s, p) = await ReadAsync(d, ct);
            previous.Add(s);
            foreach (var person in p)
            {
                lastTime.TryAdd(person.PersonId, person.Reachable);
            }
        }
        return new DrillReport(summary, people.Select(p => p with { ReachableLastTime = lastTime.TryGetValue(p.PersonId, out var r) ? r : null }).ToList(),
            previous, drill.FollowUpSentAt);
    }

    /// <summary>The drills in a period, newest first, each with its reachability: the drill history that reports join.</summary>
    public async Task<IReadOnlyList<DrillSummary>> HistoryAsync(DateTimeOffset? from, DateTimeOffset? to, Guid? serviceId, CancellationToken ct)
    {
        var query = db.Drills.AsNoTracking();
        if (from is { } f)
        {
            query = query.Where(d => d.StartedAt >= f);
        }
        if (to is { } t)
        {
            query = query.Where(d => d.StartedAt < t);
        }
        if (serviceId is { } s)
        {
            query = query.Where(d => d.ServiceId == s);
        }
        var drills = await query.OrderByDescending(d => d.StartedAt).Take(500).ToListAsync(ct);
        var summaries = new List<DrillSummary>();
        foreach (var drill in drills)
        {
            summaries.Add((await ReadAsync(drill, ct)).Summary);
        }
        return summaries;
    }

    private async Task<(DrillSummary Summary, List<DrillPersonResult> People)> ReadAsync(Drill drill, CancellationToken ct)
    {
        var number = await db.Incidents.AsNoTracking().Where(i => i.Id == drill.IncidentId).Select(i => i.Number).FirstOrDefaultAsync(ct) ?? "(removed)";
        var serviceName = await db.Services.AsNoTracking().Where(s => s.Id == drill.ServiceId).Select(s => s.Name).FirstOrDefaultAsync(ct) ?? "(removed)";
        var run = await db.EscalationRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == drill.EscalationRunId, ct);
        var pages = await db.Notifications.AsNoTracking()
            .Where(n => n.EscalationRunId == drill.EscalationRunId && n.PersonId != null && n.Template == TemplateKeys.TierPage)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync(ct);
        var pageIds = pages.Select(p => p.Id).ToList();
        var answers = await db.PageAnswers.AsNoTracking().Where(a => pageIds.Contains(a.NotificationId)).ToDictionaryAsync(a => a.NotificationId, a => a.UsedAt, ct);
        var methodIds = pages.Where(p => p.ContactMethodId != null).Select(p => p.ContactMethodId!.Value).Distinct().ToList();
        var methods = await db.ContactMethods.AsNoTracking().Where(m => methodIds.Contains(m.Id)).ToDictionaryAsync(m => m.Id, m => new { m.Kind, m.VerifiedAt }, ct);
        var personIds = pages.Select(p => p.PersonId!.Value).Distinct().ToList();
        var names = await db.People.AsNoTracking().Where(p => personIds.Contains(p.Id)).ToDictionaryAsync(p => p.Id, p => p.Name, ct);
        var finished = run is null || !run.IsActive;

        var people = new List<DrillPersonResult>();
        foreach (var group in pages.GroupBy(p => p.PersonId!.Value))
        {
            var channels = new List<DrillChannelResult>();
            var flags = new SortedSet<DrillFinding>();
            var problems = new List<string>();
            foreach (var page in group)
            {
                var method = page.ContactMethodId is { } mid && methods.TryGetValue(mid, out var m) ? m : null;
                var answeredAt = answers.TryGetValue(page.Id, out var used) ? used : (DateTimeOffset?)null;
                var problem = page.Status == NotificationStatus.Failed ? ProviderReason.Scrub(page.LastError ?? "failed") : null;
                channels.Add(new DrillChannelResult(page.Channel.ToString(), method?.Kind.ToString() ?? "(removed)", method?.VerifiedAt is not null,
                    page.CreatedAt, page.Status.ToString(), answeredAt, answeredAt is { } a ? Math.Round((a - page.CreatedAt).TotalSeconds, 1) : null, problem));
                if (method is not null && method.VerifiedAt is null)
                {
                    flags.Add(DrillFinding.Unverified);
                }
                if (problem is not null)
                {
                    var flag = page.Channel == NotificationChannel.Email ? DrillFinding.BouncedEmail
                        : NotAnswered().IsMatch(problem) ? DrillFinding.NoAnswer : DrillFinding.FailedNumber;
                    flags.Add(flag);
                    problems.Add($"{page.Channel}: {Describe(flag)} ({problem})");
                }
            }
            var answered = channels.Where(c => c.SecondsToAcknowledge is not null).OrderBy(c => c.SecondsToAcknowledge).ToList();
            var reachable = answered.Count > 0;
            if (!reachable && finished && !flags.Contains(DrillFinding.NoAnswer) && !flags.Contains(DrillFinding.FailedNumber) && !flags.Contains(DrillFinding.BouncedEmail))
            {
                flags.Add(DrillFinding.NoAnswer);
            }
            string? reason = reachable ? null
                : problems.Count > 0 ? string.Join("; ", problems)
                : finished ? "No answer on any channel before the tier's wait ran out."
                : "Not answered yet: the drill is still paging.";
            if (!reachable && problems.Count > 0 && channels.Any(c => c.Problem is null))
            {
                reason += "; no answer on the other channels.";
            }
            people.Add(new DrillPersonResult(group.Key, names.GetValueOrDefault(group.Key, "(removed)"), TierOf(group.First()) + 1, reachable,
                answered.FirstOrDefault()?.SecondsToAcknowledge, answered.FirstOrDefault()?.Channel, [.. flags], reason, channels, null));
        }
        people = [.. people.OrderBy(p => p.Tier).ThenBy(p => p.Name, StringComparer.Ordinal)];
        var times = people.Where(p => p.FastestSeconds is not null).Select(p => p.FastestSeconds!.Value).Order().ToList();
        var summary = new DrillSummary(drill.Id, number, drill.ServiceId, serviceName, drill.PolicyId, drill.PolicyName, drill.ScheduleId, drill.StartedAt,
            run?.EndedAt, finished, people.Count, people.Count(p => p.Reachable), Median(times));
        return (summary, people);
    }

    public static string Describe(DrillFinding flag) => flag switch
    {
        DrillFinding.FailedNumber => "wrong number or failed call",
        DrillFinding.NoAnswer => "no answer or voicemail",
        DrillFinding.BouncedEmail => "bounced e-mail",
        DrillFinding.Unverified => "unverified contact method",
        _ => flag.ToString(),
    };

    private static double? Median(List<double> sorted) => sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : Math.Round((sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2, 1);

    private static int TierOf(Notification page) =>
        TierInKey().Match(page.IdempotencyKey) is { Success: true } match ? int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    /// <summary>The key the tier pager gives its pages: <c>run:{run}:c{cycle}:t{tier}:{person}:{channel}</c>.</summary>
    [GeneratedRegex(@":t(\d+):")]
    private static partial Regex TierInKey();

    /// <summary>Twilio's words for a call or message nobody took: not a wrong number.</summary>
    [GeneratedRegex(@"\b(no-answer|busy|canceled)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NotAnswered();
}
