using Lifeline.Storage;
using Lifeline.Directory.Organisations;
using Lifeline.Directory.People;
using Lifeline.Directory.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Lifeline.Incidents;

/// <summary>
/// The ticket. Its status moves only through the methods below, each checked against
/// <see cref="IncidentLifecycle"/>; <see cref="IncidentService"/> checks first so callers get a 409
/// that lists what is allowed rather than this exception.
/// </summary>
public sealed class Incident
{
    public Guid Id { get; private set; } = SequentialGuid.NewGuid();
    /// <summary>Read out on the phone: <c>INC-2026-000123</c>.</summary>
    public string Number { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public Guid ServiceId { get; private set; }
    public Guid? OrganisationId { get; private set; }
    public string? ReporterName { get; private set; }
    /// <summary>Personal data: shown in clear only to <see cref="Access.LifelineRoles.ContactDataReaders"/>, never logged.</summary>
    public string? ReporterContact { get; private set; }
    /// <summary>The severity level (1 is the most severe).</summary>
    public int Severity { get; private set; }
    public int? ProposedSeverity { get; private set; }
    public string? ProposalReason { get; private set; }
    public IncidentStatus Status { get; private set; }
    public Guid? IncidentManagerId { get; private set; }
    public List<IncidentTeam> Level2Teams { get; private set; } = [];
    public string? BridgeDialIn { get; private set; }
    public string? BridgePin { get; private set; }
    public string? BridgeLink { get; private set; }
    public string? ResolutionSummary { get; private set; }
    public bool IsDrill { get; private set; }
    /// <summary>The client's id for an incident first written in a manual log; a re-import finds the incident by it.</summary>
    public string? ManualLogId { get; private set; }
    public string OpenedBy { get; private set; } = "";
    public DateTimeOffset OpenedAt { get; private set; }
    public DateTimeOffset RecordedAt { get; private set; }
    public DateTimeOffset? AcknowledgedAt { get; private set; }
    public DateTimeOffset? ResolvedAt { get; private set; }
    public DateTimeOffset? ClosedAt { get; private set; }
    public List<StatusUpdate> StatusUpdates { get; private set; } = [];
    /// <summary>Optimistic concurrency: two people acting on the same incident at once cannot both win.</summary>
    public int Revision { get; private set; }

    public IEnumerable<Guid> Level2TeamIds => Level2Teams.Select(t => t.TeamId);

    private Incident() { }

    public Incident(string number, string title, string? description, Guid serviceId, Guid? organisationId,
        string? reporterName, string? reporterContact, int severity, bool escalates, int? proposedSeverity, string? proposalReason,
        (string? DialIn, string? Pin, string? Link) bridge, bool isDrill, string? manualLogId, string openedBy, DateTimeOffset openedAt, DateTimeOffset recordedAt)
    {
        Number = number;
        Title = title.Trim();
        Description = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        ServiceId = serviceId;
        OrganisationId = organisationId;
        ReporterName = string.IsNullOrWhiteSpace(reporterName) ? null : reporterName.Trim();
        ReporterContact = string.IsNullOrWhiteSpace(reporterContact) ? null : reporterContact.Trim();
        Severity = severity;
        ProposedSeverity = proposedSeverity;
        ProposalReason = proposalReason;
        Status = escalates ? IncidentStatus.Escalating : IncidentStatus.Open;
        (BridgeDialIn, BridgePin, BridgeLink) = bridge;
        IsDrill = isDrill;
        ManualLogId = manualLogId;
        OpenedBy = openedBy;
        OpenedAt = openedAt;
        RecordedAt = recordedAt;
    }

    /// <summary>Sets the severity; an open incident starts escalating at a level whose procedure escalates, and stops when lowered below it.</summary>
    public void ChangeSeverity(int severity, bool escalates)
    {
        EnsureActive();
        Severity = severity;
        if (escalates && Status == IncidentStatus.Open)
        {
            MoveTo(IncidentStatus.Escalating);
        }
        else if (!escalates && Status == IncidentStatus.Escalating)
        {
            MoveTo(IncidentStatus.Open);
        }
        Revision++;
    }

    /// <summary>An open incident at an escalating severity (entered from a manual log, nothing sent) starts escalating now.</summary>
    public void StartEscalating()
    {
        MoveTo(IncidentStatus.Escalating);
        Revision++;
    }

    public void Acknowledge(Guid? incidentManagerId, DateTimeOffset at)
    {
        MoveTo(IncidentStatus.Acknowledged);
        AcknowledgedAt = at;
        IncidentManagerId = incidentManagerId ?? IncidentManagerId;
        Revision++;
    }

    public void AssignIncidentManager(Guid personId)
    {
        EnsureActive();
        IncidentManagerId = personId;
        Revision++;
    }

    public void NameLevel2Teams(IReadOnlyList<Guid> teamIds)
    {
        EnsureActive();
        Level2Teams.RemoveAll(t => !teamIds.Contains(t.TeamId));
        foreach (var teamId in teamIds.Distinct().Where(id => !Level2Teams.Exists(t => t.TeamId == id)))
        {
            Level2Teams.Add(new IncidentTeam(Id, teamId));
        }
        Revision++;
    }

    public StatusUpdate PostStatusUpdate(string text, string? isolatedTo, DateTimeOffset? expectedResolutionAt, string postedBy, DateTimeOffset at)
    {
        EnsureActive();
        var update = new StatusUpdate(Id, text, isolatedTo, expectedResolutionAt, postedBy, at);
        StatusUpdates.Add(update);
        Revision++;
        return update;
    }

    public void Resolve(string summary, DateTimeOffset at)
    {
        MoveTo(IncidentStatus.Resolved);
        ResolutionSummary = summary.Trim();
        ResolvedAt = at;
        Revision++;
    }

    public void Close(DateTimeOffset at)
    {
        MoveTo(IncidentStatus.Closed);
        ClosedAt = at;
        Revision++;
    }

    /// <summary>Back to work; the incident manager stays assigned.</summary>
    public void Reopen()
    {
        MoveTo(IncidentStatus.Open);
        ResolvedAt = null;
        Revision++;
    }

    private void MoveTo(IncidentStatus next)
    {
        if (!IncidentLifecycle.CanMove(Status, next))
        {
            throw new InvalidOperationException($"{Number} cannot move from {Status} to {next}.");
        }
        Status = next;
    }

    private void EnsureActive()
    {
        if (!IncidentLifecycle.IsActive(Status))
        {
            throw new InvalidOperationException($"{Number} is {Status}.");
        }
    }
}

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("Incidents");
        builder.Property(i => i.Number).HasMaxLength(32);
        builder.HasIndex(i => i.Number).IsUnique();
        builder.Property(i => i.Title).HasMaxLength(200);
        builder.Property(i => i.Description).HasMaxLength(4000);
        builder.Property(i => i.ReporterName).HasMaxLength(200);
        builder.Property(i => i.ReporterContact).HasMaxLength(254);
        builder.Property(i => i.ProposalReason).HasMaxLength(1000);
        builder.Property(i => i.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.BridgeDialIn).HasMaxLength(64);
        builder.Property(i => i.BridgePin).HasMaxLength(32);
        builder.Property(i => i.BridgeLink).HasMaxLength(500);
        builder.Property(i => i.ResolutionSummary).HasMaxLength(4000);
        builder.Property(i => i.ManualLogId).HasMaxLength(100);
        builder.HasIndex(i => i.ManualLogId).IsUnique();
        builder.Property(i => i.OpenedBy).HasMaxLength(256);
        builder.Property(i => i.Revision).IsConcurrencyToken();
        builder.HasIndex(i => new { i.Status, i.Severity });
        builder.HasIndex(i => i.OpenedAt);
        builder.Ignore(i => i.Level2TeamIds);
        builder.HasOne<Service>().WithMany().HasForeignKey(i => i.ServiceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(i => i.IncidentManagerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Level2Teams).WithOne().HasForeignKey(t => t.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(i => i.StatusUpdates).WithOne().HasForeignKey(u => u.IncidentId).OnDelete(DeleteBehavior.Cascade);
    }
}
