using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Severity;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Incidents;

public sealed partial class IncidentService
{
    /// <summary>
    /// Opens an incident. Without a severity, the classification rules propose one and it is used;
    /// with one that differs from the proposal, the override and its reason go on the timeline.
    /// With <c>openedAt</c> in the past it comes from a manual log: <c>manualLogId</c> is then
    /// required, and importing it again returns the incident already opened.
    /// </summary>
    public async Task<IncidentOutcome> OpenAsync(OpenIncidentRequest request, Actor actor, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.IncidentDesk, "open incidents") is { } refused)
        {
            return IncidentFailure.Forbidden(refused.Detail);
        }
        var manualLogId = string.IsNullOrWhiteSpace(request.ManualLogId) ? null : request.ManualLogId.Trim();
        if (manualLogId is not null && await db.Incidents.FirstOrDefaultAsync(i => i.ManualLogId == manualLogId, ct) is { } existing)
        {
            return IncidentOutcome.Of(existing) with { AlreadyExisted = true };
        }
        var now = time.GetUtcNow();
        var v = new Validator().Required("title", request.Title, 200).Optional("description", request.Description, 4000)
            .Optional("reporterName", request.ReporterName, 200).Optional("reporterContact", request.ReporterContact, 254)
            .Optional("severityReason", request.SeverityReason, 1000).Optional("manualLogId", request.ManualLogId, 100)
            .SingleLine("title", request.Title).SingleLine("reporterName", request.ReporterName).SingleLine("reporterContact", request.ReporterContact);
        var service = request.ServiceId is { } serviceId ? await db.Services.AsNoTracking().FirstOrDefaultAsync(s => s.Id == serviceId, ct) : null;
        if (service is null)
        {
            v.Add("serviceId", request.ServiceId is null ? "serviceId is required." : $"No service with id {request.ServiceId}.");
        }
        var organisation = request.OrganisationId is { } organisationId
            ? await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == organisationId, ct) : null;
        if (request.OrganisationId is not null && organisation is null)
        {
            v.Add("organisationId", $"No organisation with id {request.OrganisationId}.");
        }
        var levels = await db.SeverityLevels.AsNoTracking().ToDictionaryAsync(l => l.Level, ct);
        if (request.Severity is { } chosen && !levels.ContainsKey(chosen))
        {
            v.Add("severity", $"severity is one of {string.Join(", ", levels.Keys.Order())}.");
        }
        if (request.ImpactScope is { } scope && !Enum.IsDefined(scope))
        {
            v.Add("impactScope", $"impactScope is one of {string.Join(", ", Enum.GetNames<ImpactScope>())}.");
        }
        if (request.ServiceState is { } state && !Enum.IsDefined(state))
        {
            v.Add("serviceState", $"serviceState is one of {string.Join(", ", Enum.GetNames<ServiceState>())}.");
        }
        if (request.Severity is null && (request.ImpactScope is null || request.ServiceState is null))
        {
            v.Add(request.ImpactScope is null ? "impactScope" : "serviceState",
                "Give a severity, or impactScope and serviceState so Lifeline can propose one.");
        }
        if (request.IncidentManagerId is { } managerId && !await db.People.AnyAsync(p => p.Id == managerId, ct))
        {
            v.Add("incidentManagerId", $"No person with id {managerId}.");
        }
        if (request.OpenedAt is { } openedAt)
        {
            if (openedAt > now.AddMinutes(1))
            {
                v.Add("openedAt", "openedAt is when the incident was opened, so it cannot be in the future.");
            }
            if (manualLogId is null)
            {
                v.Add("manualLogId", "manualLogId is required with openedAt, so that importing the manual log again does not open a second incident.");
            }
        }
        if (!v.IsValid)
        {
            return IncidentFailure.Invalid(v.Errors);
        }

        var proposal = request.ImpactScope is { } s && request.ServiceState is { } st
            ? await classifier.ClassifyAsync(service!, organisation, s, st, ct) : null;
        var severity = request.Severity ?? proposal!.Severity;
        var level = levels[severity];
        // From a manual log, nothing is sent unless asked: the incident does not start paging (escalate it to page now).
        var quiet = request.OpenedAt is not null && request.Notify != true;
        var escalates = level.Procedure == SeverityProcedure.Escalation && !quiet;
        var area = await db.ServiceAreas.AsNoTracking().FirstAsync(a => a.Id == service!.ServiceAreaId, ct);
        var fallback = options.Value.DefaultBridge;
        var bridge = area.BridgeDialIn is not null || area.BridgeLink is not null
            ? (area.BridgeDialIn, area.BridgePin, area.BridgeLink)
            : (fallback.DialIn, fallback.Pin, fallback.Link);
        var opened = request.OpenedAt?.ToUniversalTime() ?? now;
        var number = await numbers.NextAsync(opened.Year, ct);

        var incident = new Incident(number, request.Title, request.Description, service!.Id, organisation?.Id, request.ReporterName, request.ReporterContact,
            severity, escalates, proposal?.Severity, proposal?.Reason, bridge, request.IsDrill ?? false, manualLogId, actor.Name, opened, now);
        if (request.IncidentManagerId is { } manager)
        {
            incident.AssignIncidentManager(manager);
        }
        db.Incidents.Add(incident);
        var text = new StringBuilder($"Opened by {actor.Name} for {service.Name} at Severity {severity} ({level.Name}).");
        if (proposal is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Proposed: {proposal.Reason}.");
            if (proposal.Severity != severity)
            {
                text.Append(CultureInfo.InvariantCulture, $" Overridden to Severity {severity}: {request.SeverityReason?.Trim() ?? "no reason given"}.");
            }
        }
        if (escalates)
        {
            text.Append(CultureInfo.InvariantCulture, $" Severity {severity} follows the escalation procedure: escalation started.");
        }
        if (request.OpenedAt is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $" Entered from manual log {manualLogId} by {actor.Name}; {(quiet ? "nothing was sent." : "paging and notifying now.")}");
        }
        if (incident.IsDrill)
        {
            text.Append(" This is a drill.");
        }
        db.TimelineEntries.Add(new TimelineEntry(incident.Id, opened, now, actor.Name, TimelineKinds.Opened, text.ToString(),
            fromManualLog: request.OpenedAt is not null, importKey: manualLogId is null ? null : "open"));

        try
        {
            return await CommitAsync(incident, IncidentChangeKind.Opened, actor.Name, opened, ct, quiet: quiet);
        }
        catch (DbUpdateException) when (manualLogId is not null)
        {
            // The same manual-log incident imported twice at once: the other import won; answer with its incident.
            db.ChangeTracker.Clear();
            return await db.Incidents.FirstOrDefaultAsync(i => i.ManualLogId == manualLogId, ct) is { } winner
                ? IncidentOutcome.Of(winner) with { AlreadyExisted = true }
                : throw new InvalidOperationException($"Opening {number} failed and no incident has manual log id {manualLogId}.");
        }
    }

    /// <summary>
    /// Adds entries from a manual log (paper, or the CLI's offline log) at the time they happened.
    /// An entry already imported (same client key, or same time, author and text) is skipped.
    /// </summary>
    public async Task<(IncidentOutcome Outcome, int Imported, int AlreadyPresent)> ImportManualLogAsync(
        string number, IReadOnlyList<ManualLogEntryRequest> entries, Actor actor, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Triage, "import manual logs") is { } refused)
        {
            return (IncidentFailure.Forbidden(refused.Detail), 0, 0);
        }
        if (await FindAsync(number, ct) is not { } incident)
        {
            return (IncidentFailure.NotFound(number), 0, 0);
        }
        var now = time.GetUtcNow();
        var v = new Validator();
        if (entries.Count is 0 or > 500)
        {
            v.Add("entries", "Give between 1 and 500 entries.");
        }
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            v.Required($"entries[{i}].text", entry.Text, 4000).Optional($"entries[{i}].author", entry.Author, 200)
                .Optional($"entries[{i}].clientKey", entry.ClientKey, 100);
            if (entry.OccurredAt is not { } occurred)
            {
                v.Add($"entries[{i}].occurredAt", "occurredAt, when it happened, is required.");
            }
            else if (occurred > now)
            {
                v.Add($"entries[{i}].occurredAt", "A manual log entry happened before it was imported, so occurredAt cannot be in the future.");
            }
        }
        if (!v.IsValid)
        {
            return (IncidentFailure.Invalid(v.Errors), 0, 0);
        }

        var keyed = entries.Select(e => (Entry: e, Key: ImportKey(e))).DistinctBy(e => e.Key).ToList();
        var keys = keyed.Select(e => e.Key).ToList();
        var present = await db.TimelineEntries.Where(t => t.IncidentId == incident.Id && t.ImportKey != null && keys.Contains(t.ImportKey))
            .Select(t => t.ImportKey!).ToListAsync(ct);
        var fresh = keyed.Where(e => !present.Contains(e.Key)).ToList();
        foreach (var (entry, key) in fresh)
        {
            // The log names who did it; the timeline also says who entered it, since the author is whatever was typed.
            var author = string.IsNullOrWhiteSpace(entry.Author) ? actor.Name : entry.Author.Trim();
            var text = author == actor.Name ? entry.Text.Trim() : $"{entry.Text.Trim()} (entered by {actor.Name})";
            db.TimelineEntries.Add(new TimelineEntry(incident.Id, entry.OccurredAt!.Value.ToUniversalTime(), now, author, TimelineKinds.Note, text, fromManualLog: true, importKey: key));
        }
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another import of the same log won the race; what it saved is what this one would have.
            return (IncidentFailure.ChangedMeanwhile(number), 0, 0);
        }
        logger.LogInformation("Imported {Count} manual log entries into {Number} ({Present} already present)", fresh.Count, number, entries.Count - fresh.Count);
        return (IncidentOutcome.Of(incident), fresh.Count, entries.Count - fresh.Count);
    }

    // A client key when the log has one; otherwise what identifies a line on paper: when, who, what.
    private static string ImportKey(ManualLogEntryRequest entry)
    {
        if (!string.IsNullOrWhiteSpace(entry.ClientKey))
        {
            return "key:" + entry.ClientKey.Trim();
        }
        var identity = $"{entry.OccurredAt!.Value.ToUniversalTime().UtcTicks}|{entry.Author?.Trim()}|{entry.Text.Trim()}";
        return "hash:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)));
    }
}
