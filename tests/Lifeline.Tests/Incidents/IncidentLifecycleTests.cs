using System.Net;
using Lifeline.Access;
using Lifeline.Incidents;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Incidents;

public sealed class IncidentLifecycleTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task Open_WithoutSeverity_ProposesAndEscalatesSeverityOne(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var tech = await server.ClientAsAsync(LifelineRoles.Level1Technician);

        var incident = await tech.PostJson("/api/v1/incidents", new
        {
            title = "E-mail down", serviceId = await tech.ServiceIdAsync("E-mail"), impactScope = "MajorityOrTotal", serviceState = "Down",
            reporterName = "Pat Doe", reporterContact = "+18605550177",
        }).ExpectAsync(HttpStatusCode.Created);

        Assert.Matches(@"^INC-\d{4}-\d{6}$", incident.Number());
        Assert.Equal(1, incident.GetProperty("severity").GetInt32());
        Assert.Equal(1, incident.GetProperty("proposedSeverity").GetInt32());
        Assert.Equal("E-mail is a major enterprise service and is down for the majority of users → Severity 1", incident.GetProperty("proposalReason").GetString());
        Assert.Equal("Escalating", incident.Status());
        Assert.Equal("+18605550150", incident.GetProperty("bridge").GetProperty("dialIn").GetString());
        var timeline = await tech.TimelineAsync(incident.Number());
        Assert.Equal(TimelineKinds.Opened, Assert.Single(timeline).GetProperty("kind").GetString());
    }

    [Theory, DatabaseData]
    public async Task Open_SeverityOverridesProposal_TimelineHasOverrideAndReason(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var tech = await server.ClientAsAsync(LifelineRoles.Level1Technician);

        var incident = await tech.PostJson("/api/v1/incidents", new
        {
            title = "Filtering down", serviceId = await tech.ServiceIdAsync("Internet Filtering"), impactScope = "MajorityOrTotal", serviceState = "Down",
            severity = 3, severityReason = "after hours, nobody is browsing",
        }).ExpectAsync(HttpStatusCode.Created);

        Assert.Equal(3, incident.GetProperty("severity").GetInt32());
        Assert.Equal(2, incident.GetProperty("proposedSeverity").GetInt32());
        Assert.Equal("Open", incident.Status());
        var text = (await tech.TimelineAsync(incident.Number()))[0].GetProperty("text").GetString();
        Assert.Contains("Overridden to Severity 3: after hours, nobody is browsing", text);
    }

    [Theory, DatabaseData]
    public async Task FullPath_OpenAcknowledgeUpdateResolveCloseReopen_AllowedAndOnTimeline(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var incident = await admin.OpenAsync("E-mail", severity: 1);
        var number = incident.Number();
        Assert.Equal("Escalating", incident.Status());
        var manager = await admin.PersonIdAsync("Henry Castillo");

        var acknowledged = await admin.PostJson($"/api/v1/incidents/{number}/acknowledge", new { personId = manager, channel = "sms" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Acknowledged", acknowledged.Status());
        Assert.Equal(manager, acknowledged.GetProperty("incidentManager").GetProperty("id").GetGuid());
        var messaging = (await admin.GetAsync("/api/v1/teams?q=messaging").ExpectAsync(HttpStatusCode.OK)).GetProperty("items")[0].GetProperty("id").GetGuid();
        await admin.PutJson($"/api/v1/incidents/{number}/level2-teams", new { teamIds = new[] { messaging } }).ExpectAsync(HttpStatusCode.OK);
        var updated = await admin.PostJson($"/api/v1/incidents/{number}/status-updates",
            new { text = "Mail store failover in progress", isolatedTo = "the mail store cluster", expectedResolutionAt = DateTimeOffset.UtcNow.AddHours(2) })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("the mail store cluster", updated.GetProperty("statusUpdates")[0].GetProperty("isolatedTo").GetString());
        var resolved = await admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "Failed over to the standby store" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Resolved", resolved.Status());
        var reopened = await admin.PostJson($"/api/v1/incidents/{number}/reopen", new { reason = "Users still cannot send" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Open", reopened.Status());
        Assert.Equal(manager, reopened.GetProperty("incidentManager").GetProperty("id").GetGuid());
        Assert.False(reopened.TryGetProperty("resolvedAt", out var resolvedAt) && resolvedAt.ValueKind != System.Text.Json.JsonValueKind.Null);
        await admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "Queue drained" }).ExpectAsync(HttpStatusCode.OK);
        var closed = await admin.PostJson($"/api/v1/incidents/{number}/close", new { }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Closed", closed.GetProperty("incident").Status());
        var kinds = (await admin.TimelineAsync(number)).Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal([TimelineKinds.Opened, TimelineKinds.Acknowledged, TimelineKinds.Level2TeamsNamed, TimelineKinds.StatusUpdate, TimelineKinds.Resolved,
            TimelineKinds.Reopened, TimelineKinds.Resolved, TimelineKinds.Closed, TimelineKinds.SurveySent], kinds);
    }

    [Theory, DatabaseData]
    public async Task ChangeSeverity_OpenRaisedToOne_EscalatesAndLoweredStopsEscalating(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var tech = await server.ClientAsAsync(LifelineRoles.Level1Technician);
        var number = (await tech.OpenAsync(severity: 3)).Number();

        var raised = await tech.PutJson($"/api/v1/incidents/{number}/severity", new { severity = 1, reason = "the Governor's office called" }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Escalating", raised.Status());
        var lowered = await tech.PutJson($"/api/v1/incidents/{number}/severity", new { severity = 2, reason = "only one floor" }).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("Open", lowered.Status());
        var entries = await tech.TimelineAsync(number);
        Assert.Contains(entries, e => e.GetProperty("kind").GetString() == TimelineKinds.SeverityChanged && e.GetProperty("text").GetString()!.Contains("the Governor's office called"));
        Assert.Equal(2, entries.Count(e => e.GetProperty("kind").GetString() == TimelineKinds.StatusChanged));
    }

    [Theory, DatabaseData]
    public async Task ChangeSeverity_WithoutReason_Returns400AndChangesNothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var tech = await server.ClientAsAsync(LifelineRoles.Level1Technician);
        var number = (await tech.OpenAsync(severity: 3)).Number();

        var problem = await tech.PutJson($"/api/v1/incidents/{number}/severity", new { severity = 1 }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("reason", out _));
        var incident = await tech.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(3, incident.GetProperty("severity").GetInt32());
        Assert.Equal("Open", incident.Status());
        Assert.Single(await tech.TimelineAsync(number));
    }

    /// <summary>Drives an incident to the given status with the admin client.</summary>
    private static async Task<string> IncidentInAsync(HttpClient admin, IncidentStatus status)
    {
        var number = (await admin.OpenAsync(severity: status == IncidentStatus.Escalating ? 1 : 2)).Number();
        if (status is IncidentStatus.Open or IncidentStatus.Escalating)
        {
            return number;
        }
        await admin.PostJson($"/api/v1/incidents/{number}/acknowledge", new { }).ExpectAsync(HttpStatusCode.OK);
        if (status == IncidentStatus.Acknowledged)
        {
            return number;
        }
        await admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "fixed" }).ExpectAsync(HttpStatusCode.OK);
        if (status == IncidentStatus.Resolved)
        {
            return number;
        }
        await admin.PostJson($"/api/v1/incidents/{number}/close", new { }).ExpectAsync(HttpStatusCode.OK);
        return number;
    }

    private static readonly Dictionary<string, object> Bodies = new()
    {
        ["acknowledge"] = new { },
        ["resolve"] = new { summary = "fixed" },
        ["close"] = new { },
        ["reopen"] = new { reason = "again" },
        ["status-updates"] = new { text = "still working" },
    };

    public static TheoryData<DatabaseProvider, IncidentStatus, string, IncidentStatus?> Transitions()
    {
        var data = new TheoryData<DatabaseProvider, IncidentStatus, string, IncidentStatus?>();
        (IncidentStatus From, string Action, IncidentStatus? To)[] table =
        [
            (IncidentStatus.Open, "acknowledge", IncidentStatus.Acknowledged),
            (IncidentStatus.Open, "resolve", IncidentStatus.Resolved),
            (IncidentStatus.Open, "close", null),
            (IncidentStatus.Open, "reopen", null),
            (IncidentStatus.Escalating, "acknowledge", IncidentStatus.Acknowledged),
            (IncidentStatus.Escalating, "resolve", null),
            (IncidentStatus.Escalating, "close", null),
            (IncidentStatus.Escalating, "reopen", null),
            (IncidentStatus.Acknowledged, "acknowledge", null),
            (IncidentStatus.Acknowledged, "resolve", IncidentStatus.Resolved),
            (IncidentStatus.Acknowledged, "close", null),
            (IncidentStatus.Acknowledged, "reopen", null),
            (IncidentStatus.Resolved, "acknowledge", null),
            (IncidentStatus.Resolved, "resolve", null),
            (IncidentStatus.Resolved, "status-updates", null),
            (IncidentStatus.Resolved, "close", IncidentStatus.Closed),
            (IncidentStatus.Resolved, "reopen", IncidentStatus.Open),
            (IncidentStatus.Closed, "acknowledge", null),
            (IncidentStatus.Closed, "resolve", null),
            (IncidentStatus.Closed, "close", null),
            (IncidentStatus.Closed, "reopen", null),
            (IncidentStatus.Closed, "status-updates", null),
        ];
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var (from, action, to) in table)
            {
                data.Add(provider, from, action, to);
            }
        }
        return data;
    }

    [Theory, MemberData(nameof(Transitions))]
    public async Task Action_FromStatus_MovesOrIsRefusedWithAllowedTransitions(DatabaseProvider provider, IncidentStatus from, string action, IncidentStatus? to)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var number = await IncidentInAsync(admin, from);
        var before = (await admin.TimelineAsync(number)).Count;

        var request = admin.PostJson($"/api/v1/incidents/{number}/{action}", Bodies[action]);

        if (to is { } expected)
        {
            var body = await request.ExpectAsync(HttpStatusCode.OK);
            var incident = action == "close" ? body.GetProperty("incident") : body;
            Assert.Equal(expected.ToString(), incident.Status());
        }
        else
        {
            var problem = await request.ExpectProblemAsync(HttpStatusCode.Conflict);
            Assert.Equal(IncidentLifecycle.AllowedFrom(from).Select(s => s.ToString()),
                problem.GetProperty("allowedTransitions").EnumerateArray().Select(s => s.GetString()));
            var after = await admin.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
            Assert.Equal(from.ToString(), after.Status());
            Assert.Equal(before, (await admin.TimelineAsync(number)).Count);
        }
    }
}
