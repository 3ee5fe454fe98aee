using System.Net;
using System.Net.Http.Json;
using System.Text;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Incidents;
using Lifeline.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Alerts;

/// <summary>PagerDuty's Events API v2 at /v2/enqueue: dedup, acknowledge, resolve, grouping, auto-resolve, and PagerDuty's answers.</summary>
public sealed class PagerDutyEventsTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task Trigger_New_Answers202AsPagerDutyAndOpensAnIncidentWithTheAlertOnItsTimeline(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync(major: true);

        var answer = await server.CreateClient().EnqueueAsync(AlertClient.Trigger(key, "disk-db-01")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);

        Assert.Equal(["status", "message", "dedup_key"], answer.EnumerateObject().Select(p => p.Name));
        Assert.Equal("success", answer.GetProperty("status").GetString());
        Assert.Equal("Event processed", answer.GetProperty("message").GetString());
        Assert.Equal("disk-db-01", answer.GetProperty("dedup_key").GetString());
        var alert = Assert.Single(await admin.AlertsOfServiceAsync(serviceId));
        Assert.Equal("Triggered", alert.GetProperty("status").GetString());
        Assert.Equal("db-01.example.net", alert.GetProperty("source").GetString());
        Assert.Equal("postgres", alert.GetProperty("labels").GetProperty("component").GetString());
        Assert.Contains("/var/lib/postgresql", alert.GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal("https://monitoring.example.net/d/disk", alert.GetProperty("links")[0].GetProperty("href").GetString());
        Assert.Equal("https://monitoring.example.net/disk.png", alert.GetProperty("images")[0].GetProperty("src").GetString());
        Assert.Equal(new DateTimeOffset(2026, 11, 28, 8, 42, 58, 315, TimeSpan.Zero), alert.GetProperty("detectedAt").GetDateTimeOffset());
        var number = alert.GetProperty("incidentNumber").GetString()!;
        var incident = await admin.IncidentAsync(number);
        // A critical alert on a major enterprise service is classified like the same outage reported by phone: Severity 1, escalating.
        Assert.Equal(1, incident.GetProperty("severity").GetInt32());
        Assert.Equal("Escalating", incident.Status());
        Assert.Equal("Disk full on db-01.example.net", incident.GetProperty("title").GetString());
        var timeline = await admin.FullTimelineAsync(number);
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "AlertTriggered"
            && e.GetProperty("text").GetString()!.Contains("Disk full on db-01.example.net", StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task Trigger_SameDedupKeyAgain_UpdatesTheAlertInsteadOfOpeningAnother(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync();
        var anonymous = server.CreateClient();

        await anonymous.EnqueueAsync(AlertClient.Trigger(key, "cpu-web-01", "CPU 91% on web-01")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        await anonymous.EnqueueAsync(AlertClient.Trigger(key, "cpu-web-01", "CPU 97% on web-01")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        await anonymous.EnqueueAsync(AlertClient.Trigger(key, "cpu-web-01", "CPU 99% on web-01")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);

        var alert = Assert.Single(await admin.AlertsOfServiceAsync(serviceId));
        Assert.Equal(3, alert.GetProperty("count").GetInt32());
        Assert.Equal("CPU 99% on web-01", alert.GetProperty("summary").GetString());
        Assert.True(alert.GetProperty("lastSeenAt").GetDateTimeOffset() >= alert.GetProperty("firstSeenAt").GetDateTimeOffset());
        var timeline = await admin.FullTimelineAsync(alert.GetProperty("incidentNumber").GetString()!);
        Assert.Single(timeline, e => e.GetProperty("kind").GetString() == "AlertTriggered");
    }

    [Theory, DatabaseData]
    public async Task Trigger_WithoutDedupKey_AnswersTheKeyItMade(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (serviceId, key, _) = await server.AdminClient().ServiceWithKeyAsync();

        var answer = await server.CreateClient().EnqueueAsync(AlertClient.Trigger(key, null)).ExpectPagerDutyAsync(HttpStatusCode.Accepted);

        var made = answer.GetProperty("dedup_key").GetString()!;
        Assert.Equal(32, made.Length);
        Assert.Equal(made, Assert.Single(await server.AdminClient().AlertsOfServiceAsync(serviceId)).GetProperty("dedupKey").GetString());
    }

    [Theory, DatabaseData]
    public async Task Acknowledge_OpenAlert_AcknowledgesTheAlertAndItsIncident(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync(major: true);
        var anonymous = server.CreateClient();
        await anonymous.EnqueueAsync(AlertClient.Trigger(key, "mail-queue")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);

        var answer = await anonymous.EnqueueAsync(AlertClient.Action(key, "acknowledge", "mail-queue")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);

        Assert.Equal("mail-queue", answer.GetProperty("dedup_key").GetString());
        var alert = Assert.Single(await admin.AlertsOfServiceAsync(serviceId));
        Assert.Equal("Acknowledged", alert.GetProperty("status").GetString());
        Assert.Equal("Acknowledged", (await admin.IncidentAsync(alert.GetProperty("incidentNumber").GetString()!)).Status());
    }

    [Theory, DatabaseData]
    public async Task AcknowledgeOrResolve_NoOpenAlert_AcceptedAndDroppedAsPagerDutyDoes(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (serviceId, key, _) = await server.AdminClient().ServiceWithKeyAsync();
        var anonymous = server.CreateClient();

        await anonymous.EnqueueAsync(AlertClient.Action(key, "acknowledge", "never-triggered")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        await anonymous.EnqueueAsync(AlertClient.Action(key, "resolve", "never-triggered")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);

        Assert.Empty(await server.AdminClient().AlertsOfServiceAsync(serviceId));
    }

    [Theory, DatabaseData]
    public async Task Resolve_LastOpenAlert_ResolvesTheIncident_NotBefore(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync();
        var anonymous = server.CreateClient();
        await anonymous.EnqueueAsync(AlertClient.Trigger(key, "a", "Ping loss to branch office A")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        await anonymous.EnqueueAsync(AlertClient.Trigger(key, "b", "Ping loss to branch office B")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        var alerts = await admin.AlertsOfServiceAsync(serviceId);
        var number = Assert.Single(alerts.Select(a => a.GetProperty("incidentNumber").GetString()).Distinct())!;

        await anonymous.EnqueueAsync(AlertClient.Action(key, "resolve", "a")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        Assert.Equal("Open", (await admin.IncidentAsync(number)).Status());

        await anonymous.EnqueueAsync(AlertClient.Action(key, "resolve", "b")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        var incident = await admin.IncidentAsync(number);
        Assert.Equal("Resolved", incident.Status());
        Assert.Contains("All its alerts resolved", incident.GetProperty("resolutionSummary").GetString(), StringComparison.Ordinal);
        Assert.All(await admin.AlertsOfServiceAsync(serviceId), a => Assert.Equal("Resolved", a.GetProperty("status").GetString()));

        // Resolved means the key is free again: the same dedup key triggers a new alert, on a new incident.
        await anonymous.EnqueueAsync(AlertClient.Trigger(key, "a", "Ping loss to branch office A again")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        var again = (await admin.AlertsOfServiceAsync(serviceId)).First(a => a.GetProperty("status").GetString() == "Triggered");
        Assert.NotEqual(number, again.GetProperty("incidentNumber").GetString());
    }

    [Theory, DatabaseData]
    public async Task Resolve_EscalatingIncident_MonitoringAcknowledgesThenResolvesAndSaysSo(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync(major: true);
        var anonymous = server.CreateClient();
        await anonymous.EnqueueAsync(AlertClient.Trigger(key, "flap")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);

        await anonymous.EnqueueAsync(AlertClient.Action(key, "resolve", "flap")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);

        var number = Assert.Single(await admin.AlertsOfServiceAsync(serviceId)).GetProperty("incidentNumber").GetString()!;
        Assert.Equal("Resolved", (await admin.IncidentAsync(number)).Status());
        var timeline = await admin.TimelineAsync(number);
        Assert.Contains(timeline, e => e.GetProperty("kind").GetString() == "Acknowledged" && e.GetProperty("text").GetString()!.Contains("monitoring", StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task Resolve_AutoResolveOff_IncidentStaysOpen(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync();
        await admin.PutJson($"/api/v1/services/{serviceId}/alert-settings", new { groupWindowMinutes = 30, autoResolve = false }).ExpectAsync(HttpStatusCode.OK);
        var anonymous = server.CreateClient();
        await anonymous.EnqueueAsync(AlertClient.Trigger(key, "x")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);

        await anonymous.EnqueueAsync(AlertClient.Action(key, "resolve", "x")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);

        var alert = Assert.Single(await admin.AlertsOfServiceAsync(serviceId));
        Assert.Equal("Resolved", alert.GetProperty("status").GetString());
        Assert.Equal("Open", (await admin.IncidentAsync(alert.GetProperty("incidentNumber").GetString()!)).Status());
    }

    [Theory, DatabaseData]
    public async Task Resolve_PersonAcknowledgedAndSaidKeepOpen_IncidentStaysAcknowledged(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var manager = await server.ClientAsAsync(LifelineRoles.IncidentManager);
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync();
        var anonymous = server.CreateClient();
        await anonymous.EnqueueAsync(AlertClient.Trigger(key, "db-latency")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        var number = Assert.Single(await admin.AlertsOfServiceAsync(serviceId)).GetProperty("incidentNumber").GetString()!;
        // Not before someone has taken the incident on.
        await manager.PostJson($"/api/v1/incidents/{number}/keep-open", new { keepOpen = true }).ExpectProblemAsync(HttpStatusCode.Conflict);
        await manager.PostJson($"/api/v1/incidents/{number}/acknowledge", new { }).ExpectAsync(HttpStatusCode.OK);
        await manager.PostJson($"/api/v1/incidents/{number}/keep-open", new { keepOpen = true }).ExpectAsync(HttpStatusCode.NoContent);

        await anonymous.EnqueueAsync(AlertClient.Action(key, "resolve", "db-latency")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);

        Assert.Equal("Acknowledged", (await admin.IncidentAsync(number)).Status());
        Assert.Contains(await admin.FullTimelineAsync(number), e => e.GetProperty("kind").GetString() == "KeptOpen"
            && e.GetProperty("text").GetString()!.StartsWith("All alerts resolved", StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task Trigger_WithinAndPastTheGroupingWindow_JoinsTheIncidentThenOpensANewOne(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        await using var server = await LifelineServer.StartAsync(provider, time);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync();
        await admin.PutJson($"/api/v1/services/{serviceId}/alert-settings", new { groupWindowMinutes = 10, autoResolve = true }).ExpectAsync(HttpStatusCode.OK);
        var anonymous = server.CreateClient();

        await anonymous.EnqueueAsync(AlertClient.Trigger(key, "one", "Alert one")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        time.Advance(TimeSpan.FromMinutes(9));
        await anonymous.EnqueueAsync(AlertClient.Trigger(key, "two", "Alert two")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        time.Advance(TimeSpan.FromMinutes(11));
        await anonymous.EnqueueAsync(AlertClient.Trigger(key, "three", "Alert three")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);

        var alerts = (await admin.AlertsOfServiceAsync(serviceId)).ToDictionary(a => a.GetProperty("dedupKey").GetString()!, a => a.GetProperty("incidentNumber").GetString()!);
        Assert.Equal(alerts["one"], alerts["two"]);
        Assert.NotEqual(alerts["one"], alerts["three"]);
        var timeline = await admin.FullTimelineAsync(alerts["one"]);
        Assert.Equal(2, timeline.Count(e => e.GetProperty("kind").GetString() == "AlertTriggered"));
    }

    [Theory, DatabaseData]
    public async Task Trigger_AlertRuleMatchesALabel_GivesTheRulesSeverity(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, _) = await admin.ServiceWithKeyAsync(major: true);
        var rule = await admin.PostJson("/api/v1/alert-rules", new { order = 1, name = "Disk alerts are routine", serviceId, labelName = "class", labelValue = "disk", severity = 3 })
            .ExpectAsync(HttpStatusCode.Created);

        await server.CreateClient().EnqueueAsync(AlertClient.Trigger(key, "disk")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);

        var number = Assert.Single(await admin.AlertsOfServiceAsync(serviceId)).GetProperty("incidentNumber").GetString()!;
        var incident = await admin.IncidentAsync(number);
        Assert.Equal(3, incident.GetProperty("severity").GetInt32());
        Assert.Contains("Disk alerts are routine", incident.GetProperty("description").GetString(), StringComparison.Ordinal);
        var audit = await admin.GetAsync($"/api/v1/audit-log?entityId={rule.Id()}").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(audit.Items(), a => a.GetProperty("action").GetString() == "Created");
    }

    private static readonly (string Body, string Field)[] BadEventCases =
    [
        ("""{"routing_key":"KEY","event_action":"trigger","payload":{"source":"h","severity":"critical"}}""", "payload.summary"),
        ("""{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","severity":"critical"}}""", "payload.source"),
        ("""{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"fatal"}}""", "payload.severity"),
        ("""{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info","timestamp":"yesterday"}}""", "payload.timestamp"),
        ("""{"routing_key":"KEY","event_action":"trigger","payload":{"summary":12,"source":"h","severity":"info"}}""", "payload.summary"),
        ("""{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"SUMMARY","source":"h","severity":"info"}}""", "payload.summary"),
        ("""{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info","component":["x"]}}""", "payload.component"),
        ("""{"routing_key":"KEY","event_action":"trigger","dedup_key":"DEDUP","payload":{"summary":"s","source":"h","severity":"info"}}""", "dedup_key"),
        ("""{"routing_key":"KEY","event_action":"explode","payload":{"summary":"s","source":"h","severity":"info"}}""", "event_action"),
        ("""{"event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info"}}""", "routing_key"),
        ("""{"routing_key":"KEY","event_action":"trigger"}""", "payload"),
        ("""{"routing_key":"KEY","event_action":"resolve"}""", "dedup_key"),
        ("""{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info"},"links":[{"text":"no href"}]}""", "links[0].href"),
        ("""{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info"},"images":[{"src":"http://insecure.example.net/a.png"}]}""", "images[0].src"),
        ("""{"routing_key":"KEY","event_action":"trigger","payload":{"summary":"s","source":"h","severity":"info"},"links":"https://example.net"}""", "links"),
        ("""not json at all""", "JSON"),
    ];

    public static TheoryData<DatabaseProvider, string, string> BadEvents()
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        foreach (var provider in new[] { DatabaseProvider.Sqlite, DatabaseProvider.Postgres })
        {
            foreach (var (body, field) in BadEventCases)
            {
                data.Add(provider, body, field);
            }
        }
        return data;
    }

    [Theory, MemberData(nameof(BadEvents))]
    public async Task Enqueue_BadField_Is400NamingItAndStoresNothing(DatabaseProvider provider, string body, string field)
    {
        var server = await servers.GetAsync(provider);
        var (serviceId, key, _) = await server.AdminClient().ServiceWithKeyAsync();
        var json = body.Replace("KEY", key, StringComparison.Ordinal).Replace("SUMMARY", new string('s', 1025), StringComparison.Ordinal)
            .Replace("DEDUP", new string('d', 256), StringComparison.Ordinal);

        var answer = await server.CreateClient().PostAsync("/v2/enqueue", new StringContent(json, Encoding.UTF8, "application/json"))
            .ExpectPagerDutyAsync(HttpStatusCode.BadRequest);

        Assert.Equal("invalid event", answer.GetProperty("status").GetString());
        Assert.Equal("Event object is invalid", answer.GetProperty("message").GetString());
        Assert.Contains(answer.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains(field, StringComparison.Ordinal));
        Assert.Empty(await server.AdminClient().AlertsOfServiceAsync(serviceId));
    }

    [Theory, DatabaseData]
    public async Task Enqueue_UnknownRoutingKey_IsPagerDutyShaped400AndStoresNothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);

        var answer = await server.CreateClient().EnqueueAsync(AlertClient.Trigger(new string('0', 32), "nobody")).ExpectPagerDutyAsync(HttpStatusCode.BadRequest);

        Assert.Equal("invalid event", answer.GetProperty("status").GetString());
        Assert.Contains(answer.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains("routing_key", StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task Enqueue_OversizedBody_Is413AndStoresNothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (serviceId, key, _) = await server.AdminClient().ServiceWithKeyAsync();
        var huge = AlertClient.Trigger(key, "huge", new string('x', 600 * 1024));

        using var response = await server.CreateClient().PostAsJsonAsync("/v2/enqueue", huge);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(await server.AdminClient().AlertsOfServiceAsync(serviceId));
    }

    [Theory, DatabaseData]
    public async Task Enqueue_MoreAtOnceThanTheLimit_SomeGet429WithRetryAfterAndEvery202IsStored(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, settings: new Dictionary<string, string?>
        {
            ["Lifeline:Alerts:ConcurrentEvents"] = "1",
            ["Lifeline:Alerts:QueuedEvents"] = "0",
            ["Lifeline:Alerts:RetryAfterSeconds"] = "3",
        });
        var (serviceId, key, _) = await server.AdminClient().ServiceWithKeyAsync();
        var anonymous = server.CreateClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 30).Select(i => anonymous.EnqueueAsync(AlertClient.Trigger(key, $"storm-{i}"))));

        var throttled = responses.Where(r => r.StatusCode == HttpStatusCode.TooManyRequests).ToList();
        Assert.NotEmpty(throttled);
        Assert.All(throttled, r => Assert.Equal(TimeSpan.FromSeconds(3), r.Headers.RetryAfter?.Delta));
        var body = await throttled[0].Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        Assert.Equal("throttle event", body.GetProperty("status").GetString());
        var accepted = responses.Count(r => r.StatusCode == HttpStatusCode.Accepted);
        Assert.Equal(30, accepted + throttled.Count);
        Assert.Equal(accepted, (await server.AdminClient().AlertsOfServiceAsync(serviceId)).Count);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }
}
