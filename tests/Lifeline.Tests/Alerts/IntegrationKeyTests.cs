using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Alerts;

public sealed class IntegrationKeyTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task Issue_ByAdmin_ShownOnceStoredHashedAndAudited(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, keyId) = await admin.ServiceWithKeyAsync();

        Assert.Matches("^[0-9a-f]{32}$", key);
        var listed = await admin.GetAsync($"/api/v1/services/{serviceId}/integration-keys").ExpectAsync(HttpStatusCode.OK);
        var only = Assert.Single(listed.EnumerateArray());
        Assert.False(only.TryGetProperty("key", out _));
        Assert.Equal(key[..6], only.GetProperty("hint").GetString());
        Assert.DoesNotContain(key, listed.GetRawText(), StringComparison.Ordinal);
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var stored = await db.Set<Lifeline.Alerts.IntegrationKey>().SingleAsync(k => k.Id == keyId);
        Assert.Equal(ApiToken.HashOf(key), stored.Hash);
        var audit = await db.AuditLog.Where(a => a.EntityId == keyId).ToListAsync();
        Assert.Contains(audit, a => a.Action == "Created" && a.Actor == "admin");
        Assert.DoesNotContain(audit, a => (a.After ?? "").Contains(key, StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task Issue_ByNonAdmin_Is403(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (serviceId, _, _) = await server.AdminClient().ServiceWithKeyAsync();
        var manager = await server.ClientAsAsync(LifelineRoles.IncidentManager);

        await manager.PostJson($"/api/v1/services/{serviceId}/integration-keys", new { name = "sneaky" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory, DatabaseData]
    public async Task Issue_BlankName_Is400NamingIt(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, _, _) = await admin.ServiceWithKeyAsync();

        var problem = await admin.PostJson($"/api/v1/services/{serviceId}/integration-keys", new { name = " " }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }

    [Theory, DatabaseData]
    public async Task Rotate_OldKeyWorksDuringOverlapThenStops_NewKeyWorks(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 9, 0, 0, TimeSpan.Zero));
        await using var server = await LifelineServer.StartAsync(provider, time);
        var admin = server.AdminClient();
        var (serviceId, oldKey, keyId) = await admin.ServiceWithKeyAsync();

        var rotated = await admin.PostJson($"/api/v1/services/{serviceId}/integration-keys/{keyId}/rotate", new { overlapMinutes = 10 })
            .ExpectAsync(HttpStatusCode.Created);
        var newKey = rotated.GetProperty("key").GetString()!;

        var anonymous = server.CreateClient();
        await anonymous.EnqueueAsync(AlertClient.Trigger(oldKey, "rotate-1")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);
        time.Advance(TimeSpan.FromMinutes(11));
        var refused = await anonymous.EnqueueAsync(AlertClient.Trigger(oldKey, "rotate-2")).ExpectPagerDutyAsync(HttpStatusCode.BadRequest);
        Assert.Equal("invalid event", refused.GetProperty("status").GetString());
        await anonymous.EnqueueAsync(AlertClient.Trigger(newKey, "rotate-3")).ExpectPagerDutyAsync(HttpStatusCode.Accepted);

        var keys = (await admin.GetAsync($"/api/v1/services/{serviceId}/integration-keys").ExpectAsync(HttpStatusCode.OK)).EnumerateArray().ToList();
        Assert.Equal([false, true], keys.Select(k => k.GetProperty("active").GetBoolean()));
        Assert.NotNull(keys[0].GetProperty("lastUsedAt").GetString());
        Assert.Equal(["rotate-1", "rotate-3"], (await admin.AlertsOfServiceAsync(serviceId)).Select(a => a.GetProperty("dedupKey").GetString()).Order());
        using var scope = server.Services.CreateScope();
        var audit = await scope.ServiceProvider.GetRequiredService<LifelineDbContext>().AuditLog.Where(a => a.EntityId == keyId).Select(a => a.Action).ToListAsync();
        Assert.Contains("Rotated", audit);
    }

    [Theory, DatabaseData]
    public async Task Revoke_KeyRefusedAtOnceAndNothingStored(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (serviceId, key, keyId) = await admin.ServiceWithKeyAsync();

        await admin.PostAsync($"/api/v1/services/{serviceId}/integration-keys/{keyId}/revoke", null).ExpectAsync(HttpStatusCode.OK);
        var refused = await server.CreateClient().EnqueueAsync(AlertClient.Trigger(key, "after-revoke")).ExpectPagerDutyAsync(HttpStatusCode.BadRequest);

        Assert.Equal("invalid event", refused.GetProperty("status").GetString());
        Assert.Contains(refused.GetProperty("errors").EnumerateArray(), e => e.GetString()!.Contains("routing_key", StringComparison.Ordinal));
        Assert.Empty(await admin.AlertsOfServiceAsync(serviceId));
    }
}
