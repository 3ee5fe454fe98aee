using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Lifeline.Alerts;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Alerts;

/// <summary>
/// Group commit: events that arrive together are applied in one transaction, in order, and each is answered after the
/// commit; nothing is lost or counted twice, and one group's events see what the earlier ones did.
/// </summary>
public sealed class AlertGroupCommitTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task Storm_ManySendersAcrossKeysAndServices_EveryEventCountedOnceAndOneIncidentPerService(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var services = new List<(Guid ServiceId, string Key)>();
        for (var s = 0; s < 3; s++)
        {
            var (serviceId, key, _) = await admin.ServiceWithKeyAsync();
            services.Add((serviceId, key));
        }
        var anonymous = server.CreateClient();
        // 3 services x 8 keys x 10 repeats, all at once: the first trigger of each key opens its alert, the rest repeat it.
        var events = (from repeat in Enumerable.Range(0, 10)
                      from service in services
                      from k in Enumerable.Range(0, 8)
                      select (service, DedupKey: $"disk-{k}", Summary: $"Disk {k} at {90 + repeat}%")).ToList();

        var answers = await Task.WhenAll(events.Select(async e =>
        {
            using var response = await anonymous.EnqueueAsync(AlertClient.Trigger(e.service.Key, e.DedupKey, e.Summary));
            return (response.StatusCode, Body: await response.Content.ReadFromJsonAsync<JsonElement>());
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Accepted, a.StatusCode));
        Assert.Equal(events.Select(e => e.DedupKey), answers.Select(a => a.Body.GetProperty("dedup_key").GetString()));
        foreach (var (serviceId, _) in services)
        {
            var alerts = await admin.AlertsOfServiceAsync(serviceId);
            Assert.Equal(8, alerts.Count);
            Assert.All(alerts, a => Assert.Equal(10, a.GetProperty("count").GetInt32()));
            // Every alert of the service joined one incident (the grouping window), whichever group committed it.
            Assert.Single(alerts.Select(a => a.GetProperty("incidentNumber").GetString()).Distinct());
        }
    }

    [Theory, DatabaseData]
    public async Task Batch_TriggerRepeatResolveAndTriggerAgainTogether_AppliedInOrder(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (serviceId, _, keyId) = await server.AdminClient().ServiceWithKeyAsync();
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var key = await db.Set<IntegrationKey>().AsNoTracking().SingleAsync(k => k.Id == keyId);
        AlertEvent Event(AlertAction action, string? dedup, string summary = "Fan failure in rack 4") =>
            new(action, dedup, summary, "bmc-04.example.net", "error", null, null, null, null, new Dictionary<string, string>(), null, [], [], "events");

        var answered = await scope.ServiceProvider.GetRequiredService<AlertIngest>().ProcessBatchAsync(
        [
            new(key, Event(AlertAction.Trigger, "fan-4")),
            new(key, Event(AlertAction.Trigger, "fan-4", "Fan failure in rack 4 (2 fans)")),
            new(key, Event(AlertAction.Resolve, "fan-4")),
            new(key, Event(AlertAction.Trigger, "fan-4", "Fan failure in rack 4 again")),
            new(key, Event(AlertAction.Acknowledge, "no-such-alert")),
        ], CancellationToken.None);

        Assert.Equal(5, answered.Count);
        var answers = answered.Select(a => a ?? throw new Xunit.Sdk.XunitException("An event of an active key was refused.")).ToList();
        var first = answers[0].AlertId;
        Assert.NotNull(first);
        Assert.Equal(first, answers[1].AlertId);
        Assert.Equal(AlertStatus.Triggered, answers[1].Status);
        Assert.Equal(first, answers[2].AlertId);
        Assert.Equal(AlertStatus.Resolved, answers[2].Status);
        Assert.NotEqual(first, answers[3].AlertId);
        Assert.Equal(AlertStatus.Triggered, answers[3].Status);
        Assert.Null(answers[4].AlertId);
        var alerts = await db.Set<Alert>().AsNoTracking().Where(a => a.ServiceId == serviceId).OrderBy(a => a.FirstSeenAt).ThenBy(a => a.Id).ToListAsync();
        Assert.Equal(2, alerts.Count);
        var resolved = alerts.Single(a => a.Id == first);
        Assert.Equal((2, AlertStatus.Resolved, "Fan failure in rack 4 (2 fans)"), (resolved.Count, resolved.Status, resolved.Summary));
        var again = alerts.Single(a => a.Id != first);
        Assert.Equal((1, AlertStatus.Triggered, "fan-4"), (again.Count, again.Status, again.OpenDedupKey));
        Assert.Equal(answers[0].IncidentNumber, answers[1].IncidentNumber);
    }

    [Theory, DatabaseData]
    public async Task Batch_RepeatsOfSeveralOpenAlertsOfOneIncident_EachCountedInOneGroupWithTheIncidentNumber(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (serviceId, secret, keyId) = await server.AdminClient().ServiceWithKeyAsync();
        var anonymous = server.CreateClient();
        foreach (var dedup in new[] { "psu-1", "psu-2", "psu-3" })
        {
            using var opened = await anonymous.EnqueueAsync(AlertClient.Trigger(secret, dedup, $"Power supply {dedup} failed"));
            Assert.Equal(HttpStatusCode.Accepted, opened.StatusCode);
        }
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var key = await db.Set<IntegrationKey>().AsNoTracking().SingleAsync(k => k.Id == keyId);
        var incidentNumber = await db.Set<Alert>().AsNoTracking().Where(a => a.ServiceId == serviceId)
            .Join(db.Incidents, a => a.IncidentId, i => i.Id, (a, i) => i.Number).Distinct().SingleAsync();
        AlertEvent Repeat(string dedup) =>
            new(AlertAction.Trigger, dedup, $"Power supply {dedup} still failed", "pdu-07.example.net", "critical", null, null, null, null, new Dictionary<string, string>(), null, [], [], "events");

        // Called directly: a group that fails as a whole is applied again event by event by the group commit, which
        // would hide a mistake in the group's own path.
        var answers = await scope.ServiceProvider.GetRequiredService<AlertIngest>().ProcessBatchAsync(
            [new(key, Repeat("psu-1")), new(key, Repeat("psu-2")), new(key, Repeat("psu-1")), new(key, Repeat("psu-3")), new(key, Repeat("psu-1"))],
            CancellationToken.None);

        Assert.All(answers, a => Assert.Equal(incidentNumber, a?.IncidentNumber));
        var counts = await db.Set<Alert>().AsNoTracking().Where(a => a.ServiceId == serviceId).ToDictionaryAsync(a => a.DedupKey, a => (a.Count, a.Summary));
        Assert.Equal((4, "Power supply psu-1 still failed"), counts["psu-1"]);
        Assert.Equal((2, "Power supply psu-2 still failed"), counts["psu-2"]);
        Assert.Equal((2, "Power supply psu-3 still failed"), counts["psu-3"]);
    }

    [Theory, DatabaseData]
    public async Task Batch_KeyRevokedAfterTheDoorLetItsEventsIn_ThoseEventsRefusedAndNothingOfThemStored(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (revokedService, revokedSecret, revokedId) = await admin.ServiceWithKeyAsync();
        var (activeService, _, activeId) = await admin.ServiceWithKeyAsync();
        // The door (IntegrationKeyCache) knows the key, as it would for 10 s after an event came with it.
        var door = server.Services.GetRequiredService<IntegrationKeyCache>();
        var recognised = await door.RecogniseAsync(revokedSecret, CancellationToken.None);
        Assert.Equal(revokedId, recognised?.Id);
        using (var revoke = await admin.PostAsync($"/api/v1/services/{revokedService}/integration-keys/{revokedId}/revoke", null))
        {
            Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        }
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var active = await db.Set<IntegrationKey>().AsNoTracking().SingleAsync(k => k.Id == activeId);
        AlertEvent Event(string dedup) =>
            new(AlertAction.Trigger, dedup, "UPS on battery", "ups-01.example.net", "critical", null, null, null, null, new Dictionary<string, string>(), null, [], [], "events");

        var answers = await scope.ServiceProvider.GetRequiredService<AlertIngest>().ProcessBatchAsync(
            [new(recognised!, Event("ups-1")), new(active, Event("ups-1")), new(recognised!, Event("ups-2"))], CancellationToken.None);

        Assert.Null(answers[0]);
        Assert.NotNull(answers[1]?.AlertId);
        Assert.Null(answers[2]);
        Assert.False(await db.Set<Alert>().AnyAsync(a => a.ServiceId == revokedService));
        Assert.Equal(1, await db.Set<Alert>().CountAsync(a => a.ServiceId == activeService));
        // The door itself now reads the key again only after its 10 s; the API answers the revoked key as PagerDuty would.
        using var refused = await server.CreateClient().EnqueueAsync(AlertClient.Trigger(revokedSecret, "ups-3", "UPS on battery"));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("not an active integration key", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await db.Set<Alert>().AnyAsync(a => a.ServiceId == revokedService));
    }
}
