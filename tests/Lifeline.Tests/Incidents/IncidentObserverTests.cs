using Lifeline.Access;
using Lifeline.Directory.People;
using Lifeline.Directory.Services;
using Lifeline.Incidents;
using Lifeline.Severity;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Incidents;

/// <summary>The contract the escalation engine builds on: observers run inside the unit of work, before the save.</summary>
public sealed class IncidentObserverTests
{
    private sealed class RecordingObserver(TestDatabase database) : IIncidentObserver
    {
        public List<(IncidentChangeKind Kind, IncidentStatus Status, bool AlreadySaved)> Seen { get; } = [];

        public async Task OnIncidentChangedAsync(IncidentChange change, CancellationToken ct)
        {
            await using var other = database.CreateContext();
            var saved = await other.Incidents.AnyAsync(i => i.Id == change.Incident.Id && i.Revision == change.Incident.Revision, ct);
            Seen.Add((change.Kind, change.Incident.Status, saved));
            // What the escalation engine will do: add its own rows to the same unit of work.
            new IncidentTimeline(Context!, Time!).Append(change.Incident.Id, "Paged", $"observer saw {change.Kind}", "engine");
        }

        public LifelineDbContext? Context { get; set; }
        public TimeProvider? Time { get; set; }
    }

    private static async Task<(IncidentService Service, RecordingObserver Observer, Guid ServiceId, Guid PersonId)> ArrangeAsync(TestDatabase database, LifelineDbContext db, TimeProvider time)
    {
        await new SeverityCatalogue(db, new CurrentActor(new HttpContextAccessor()), NullLogger<SeverityCatalogue>.Instance).SeedIfEmptyAsync(CancellationToken.None);
        var manager = new Person("Henry Castillo", "Incident Manager 1", "America/New_York", null, time.GetUtcNow());
        db.People.Add(manager);
        var area = new ServiceArea("Enterprise Services", null, manager.Id);
        db.ServiceAreas.Add(area);
        var service = new Service("E-mail", null, area.Id, isMajorEnterpriseService: true, isPublicFacing: false);
        db.Services.Add(service);
        await db.SaveChangesAsync();
        var observer = new RecordingObserver(database) { Context = db, Time = time };
        var options = Options.Create(new IncidentOptions { DefaultBridge = { DialIn = "+18605550159", Pin = "112358" } });
        var incidents = new IncidentService(db, new IncidentTimeline(db, time), new IncidentNumbers(db), new SeverityClassifier(db), [observer], options, time,
            NullLogger<IncidentService>.Instance);
        return (incidents, observer, service.Id, manager.Id);
    }

    [Theory, DatabaseData]
    public async Task OpenAndAcknowledge_Observer_RunsBeforeSaveAndItsRowsAreCommitted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 2, 10, 3, 0, 0, TimeSpan.Zero));
        await using var db = database.CreateContext(time);
        var (incidents, observer, serviceId, personId) = await ArrangeAsync(database, db, time);

        var opened = await incidents.OpenAsync(new OpenIncidentRequest("E-mail down", null, serviceId, null, null, null, null, null,
            ImpactScope.MajorityOrTotal, ServiceState.Down, null, null, null, null), Actor.System("jcole"), CancellationToken.None);
        time.Advance(TimeSpan.FromMinutes(9));
        var acknowledged = await incidents.AcknowledgeAsync(opened.Incident!.Number, personId, Actor.System("sms-reply"), "sms", CancellationToken.None);

        Assert.Null(acknowledged.Failure);
        Assert.Equal([(IncidentChangeKind.Opened, IncidentStatus.Escalating, false), (IncidentChangeKind.Acknowledged, IncidentStatus.Acknowledged, false)], observer.Seen);
        await using var check = database.CreateContext();
        var incident = await check.Incidents.SingleAsync();
        Assert.Equal(personId, incident.IncidentManagerId);
        Assert.Equal(time.GetUtcNow(), incident.AcknowledgedAt);
        Assert.Equal("+18605550159", incident.BridgeDialIn);
        Assert.Equal(2, await check.TimelineEntries.CountAsync(e => e.Kind == "Paged"));
    }

    [Theory, DatabaseData]
    public async Task Acknowledge_RefusedTransition_ObserverNotCalledNothingSaved(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 2, 10, 3, 0, 0, TimeSpan.Zero));
        await using var db = database.CreateContext(time);
        var (incidents, observer, serviceId, _) = await ArrangeAsync(database, db, time);
        var opened = await incidents.OpenAsync(new OpenIncidentRequest("E-mail slow", null, serviceId, null, null, null, 2, null,
            null, null, null, null, null, null), Actor.System("jcole"), CancellationToken.None);
        await incidents.ResolveAsync(opened.Incident!.Number, "fixed", Actor.System("henry"), CancellationToken.None);
        observer.Seen.Clear();

        var outcome = await incidents.AcknowledgeAsync(opened.Incident.Number, null, Actor.System("henry"), "sms", CancellationToken.None);

        Assert.Equal(409, outcome.Failure!.Status);
        Assert.Equal([IncidentStatus.Closed, IncidentStatus.Open], outcome.Failure.AllowedTransitions);
        Assert.Empty(observer.Seen);
        await using var check = database.CreateContext();
        Assert.Equal(IncidentStatus.Resolved, (await check.Incidents.SingleAsync()).Status);
    }
}
