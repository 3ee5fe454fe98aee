using Lifeline.Access;
using Lifeline.Auditing;
using Lifeline.Communication;
using Lifeline.Directory.Availability;
using Lifeline.Directory.Organisations;
using Lifeline.Directory.People;
using Lifeline.Escalation;
using Lifeline.Engine;
using Lifeline.Escalation.Policies;
using Lifeline.Notifications;
using Lifeline.Acknowledgements;
using Lifeline.Notifications.Dispatch;
using Lifeline.Shifts;
using Lifeline.Directory.Roles;
using Lifeline.Directory.Services;
using Lifeline.Directory.Teams;
using Lifeline.Incidents;
using Lifeline.Severity;
using Lifeline.Surveys;
using Lifeline.Templates;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Storage;

/// <summary>
/// The unit of work for all of Lifeline. One model for both providers; each provider has a
/// subclass only so that its migrations live apart (<see cref="SqliteLifelineDbContext"/>,
/// <see cref="PostgresLifelineDbContext"/>).
/// </summary>
public abstract class LifelineDbContext(DbContextOptions options)
    : IdentityDbContext<Account, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<ContactMethod> ContactMethods => Set<ContactMethod>();
    public DbSet<Notifications.Verification.VerificationCode> VerificationCodes => Set<Notifications.Verification.VerificationCode>();
    public DbSet<Role> DirectoryRoles => Set<Role>();
    public DbSet<RoleHolder> RoleHolders => Set<RoleHolder>();
    public DbSet<Team> Teams => Set<Team>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<ServiceArea> ServiceAreas => Set<ServiceArea>();
    public DbSet<Service> Services => Set<Service>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<SeverityLevel> SeverityLevels => Set<SeverityLevel>();
    public DbSet<ClassificationRule> ClassificationRules => Set<ClassificationRule>();
    public DbSet<Incident> Incidents => Set<Incident>();
    public DbSet<IncidentTeam> IncidentTeams => Set<IncidentTeam>();
    public DbSet<StatusUpdate> StatusUpdates => Set<StatusUpdate>();
    public DbSet<TimelineEntry> TimelineEntries => Set<TimelineEntry>();
    public DbSet<IncidentNumberCounter> IncidentNumberCounters => Set<IncidentNumberCounter>();
    public DbSet<SurveyInvitation> SurveyInvitations => Set<SurveyInvitation>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Access.Mfa.MfaEnrolment> MfaEnrolments => Set<Access.Mfa.MfaEnrolment>();
    public DbSet<Access.Mfa.RecoveryCode> RecoveryCodes => Set<Access.Mfa.RecoveryCode>();
    public DbSet<ContactAccessLogEntry> ContactAccessLog => Set<ContactAccessLogEntry>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<Absence> Absences => Set<Absence>();
    public DbSet<EscalationPolicy> EscalationPolicies => Set<EscalationPolicy>();
    public DbSet<ShiftCalendar> ShiftCalendars => Set<ShiftCalendar>();
    public DbSet<Schedules.Schedule> Schedules => Set<Schedules.Schedule>();
    public DbSet<Schedules.ScheduleOverride> ScheduleOverrides => Set<Schedules.ScheduleOverride>();
    public DbSet<Schedules.CalendarFeed> CalendarFeeds => Set<Schedules.CalendarFeed>();
    public DbSet<Schedules.SwapRequest> SwapRequests => Set<Schedules.SwapRequest>();
    public DbSet<CommunicationPlan> CommunicationPlans => Set<CommunicationPlan>();
    public DbSet<StakeholderTask> StakeholderTasks => Set<StakeholderTask>();
    public DbSet<EscalationRun> EscalationRuns => Set<EscalationRun>();
    public DbSet<EngineJob> EngineJobs => Set<EngineJob>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<MessageTemplate> MessageTemplates => Set<MessageTemplate>();
    public DbSet<PageAnswer> PageAnswers => Set<PageAnswer>();
    public DbSet<NotificationStatusChange> NotificationHistory => Set<NotificationStatusChange>();
    public DbSet<ServiceLevels.ServiceLevelResult> ServiceLevelResults => Set<ServiceLevels.ServiceLevelResult>();
    public DbSet<Backups.BackupRecord> Backups => Set<Backups.BackupRecord>();
    public DbSet<Drills.DrillSchedule> DrillSchedules => Set<Drills.DrillSchedule>();
    public DbSet<Drills.Drill> Drills => Set<Drills.Drill>();
    public DbSet<Reviews.Review> Reviews => Set<Reviews.Review>();
    public DbSet<Reviews.ReviewAction> ReviewActions => Set<Reviews.ReviewAction>();
    public DbSet<Chat.ChatChannel> ChatChannels => Set<Chat.ChatChannel>();

    public abstract DatabaseProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<Account>().ToTable("Accounts");
        builder.Entity<IdentityRole<Guid>>().ToTable("AccountRoles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("AccountRoleGrants");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("AccountClaims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("AccountLogins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("AccountTokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("AccountRoleClaims");
        builder.ApplyConfigurationsFromAssembly(typeof(LifelineDbContext).Assembly);

        // Lifeline's entities make their own ids (Guid v7) when constructed. Told that the database
        // generates them, EF would take a new child added to a loaded parent (a contact method
        // added to a person, a holder added to a role) for an existing row, and update instead of
        // insert. Identity's account is left alone: its id is generated by EF when it is added.
        foreach (var type in builder.Model.GetEntityTypes().Where(t =>
            t.ClrType.Namespace?.StartsWith("Lifeline", StringComparison.Ordinal) == true && t.ClrType != typeof(Account)
            && t.FindPrimaryKey()?.Properties is [{ Name: "Id", ClrType: var keyType }] && keyType == typeof(Guid)))
        {
            builder.Entity(type.ClrType).Property("Id").ValueGeneratedNever();
        }
    }
}
