using System.Net;
using System.Text.Json;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Chat;

public sealed class ChatChannelsApiTests(SharedServers servers)
{
    private const string TeamsUrl = "https://example.webhook.office.com/webhookb2/00000000-0000-0000-0000-000000000000@00000000-0000-0000-0000-000000000000/IncomingWebhook/abc/def";
    private const string SlackUrl = "https://hooks.slack.com/services/T000/B000/XXXX";

    [Theory, DatabaseData]
    public async Task CreateListUpdateDelete_AdminSeesTheUrlAndEveryChangeIsAudited(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = $"Major incidents {Guid.NewGuid():N}"[..30];

        var created = await admin.PostJson("/api/v1/chat-channels", new { name, url = TeamsUrl, description = "Where the bridge is announced" })
            .ExpectAsync(HttpStatusCode.Created);
        var id = created.Id();
        Assert.Equal(TeamsUrl, created.GetProperty("url").GetString());
        Assert.False(created.GetProperty("urlMasked").GetBoolean());
        Assert.Equal("Teams", created.GetProperty("platform").GetString());

        var listed = await admin.GetAsync("/api/v1/chat-channels").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains(listed.EnumerateArray(), c => c.Id() == id && c.GetProperty("name").GetString() == name);

        var updated = await admin.PutJson($"/api/v1/chat-channels/{id}", new { name, url = SlackUrl }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Slack", updated.GetProperty("platform").GetString());
        Assert.Equal(SlackUrl, (await admin.GetAsync($"/api/v1/chat-channels/{id}").ExpectAsync(HttpStatusCode.OK)).GetProperty("url").GetString());

        await admin.DeleteAsync($"/api/v1/chat-channels/{id}").ExpectAsync(HttpStatusCode.NoContent);
        await admin.GetAsync($"/api/v1/chat-channels/{id}").ExpectProblemAsync(HttpStatusCode.NotFound);

        var audit = await admin.GetAsync($"/api/v1/audit-log?entityType=ChatChannel&entityId={id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(["Created", "Deleted", "Updated"], audit.Items().Select(e => e.GetProperty("action").GetString()).Order());
        Assert.All(audit.Items(), e => Assert.Equal("admin", e.GetProperty("actor").GetString()));
        // The URL is a credential: the audit log holds its ciphertext only.
        Assert.DoesNotContain(audit.Items(), e => e.GetRawText().Contains("hooks.slack.com", StringComparison.Ordinal) || e.GetRawText().Contains("webhook.office.com", StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task Create_BadUrl_Refused400NamingUrlAndNothingStored(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = $"Bad {Guid.NewGuid():N}";
        foreach (var url in new[] { "not a url", "http://hooks.slack.com/services/T000/B000/XXXX", "https://10.0.0.5/hook", "https://user:pw@hooks.slack.com/x" })
        {
            var problem = await admin.PostJson("/api/v1/chat-channels", new { name, url }).ExpectProblemAsync(HttpStatusCode.BadRequest);
            Assert.True(problem.GetProperty("errors").TryGetProperty("url", out _), url);
        }
        var listed = await admin.GetAsync("/api/v1/chat-channels").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain(listed.EnumerateArray(), c => c.GetProperty("name").GetString() == name);
    }

    [Theory, DatabaseData]
    public async Task NonAdmin_ChangesRefused403AndUrlMasked(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = $"IT stakeholders {Guid.NewGuid():N}"[..30];
        var id = (await admin.PostJson("/api/v1/chat-channels", new { name, url = SlackUrl }).ExpectAsync(HttpStatusCode.Created)).Id();
        using var technician = await server.ClientAsAsync(LifelineRoles.Level1Technician);

        await technician.PostJson("/api/v1/chat-channels", new { name = "Mine", url = SlackUrl }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await technician.PutJson($"/api/v1/chat-channels/{id}", new { name = "Renamed", url = SlackUrl }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await technician.DeleteAsync($"/api/v1/chat-channels/{id}").ExpectProblemAsync(HttpStatusCode.Forbidden);
        await technician.PostAsync($"/api/v1/chat-channels/{id}/test", null).ExpectProblemAsync(HttpStatusCode.Forbidden);

        var seen = await technician.GetAsync($"/api/v1/chat-channels/{id}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(name, seen.GetProperty("name").GetString());
        Assert.Equal("https://hooks.slack.com/•••", seen.GetProperty("url").GetString());
        Assert.True(seen.GetProperty("urlMasked").GetBoolean());
        var listed = await technician.GetAsync("/api/v1/chat-channels").ExpectAsync(HttpStatusCode.OK);
        Assert.DoesNotContain("XXXX", listed.GetRawText(), StringComparison.Ordinal);

        // Stored encrypted: the database does not hold the URL in clear.
        using var scope = server.Services.CreateScope();
        var stored = await scope.ServiceProvider.GetRequiredService<LifelineDbContext>().ChatChannels.AsNoTracking()
            .Where(c => c.Id == id).Select(c => c.ProtectedUrl).SingleAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("hooks.slack.com", stored, StringComparison.Ordinal);
        Assert.Equal(name, (await admin.GetAsync($"/api/v1/chat-channels/{id}").ExpectAsync(HttpStatusCode.OK)).GetProperty("name").GetString());
    }

    [Theory, DatabaseData]
    public async Task Delete_NamedByAPolicy_Refused409InWords(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = $"Major {Guid.NewGuid():N}"[..20];
        var id = (await admin.PostJson("/api/v1/chat-channels", new { name, url = TeamsUrl }).ExpectAsync(HttpStatusCode.Created)).Id();
        var policyName = $"Policy {Guid.NewGuid():N}";
        var policy = await admin.PostJson("/api/v1/escalation-policies", new
        {
            name = policyName,
            tiers = new[] { new { targets = new object[] { new { kind = "ChatChannel", id } }, channels = new[] { "Chat" }, wait = "00:05:00" } },
        }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal($"the #{Slug(name)} chat channel",
            policy.GetProperty("tiers")[0].GetProperty("targets")[0].GetProperty("name").GetString());

        var problem = await admin.DeleteAsync($"/api/v1/chat-channels/{id}").ExpectProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal($"the #{Slug(name)} chat channel is a target of escalation policy '{policyName}'; remove it from there first.",
            problem.GetProperty("detail").GetString());
        await admin.GetAsync($"/api/v1/chat-channels/{id}").ExpectAsync(HttpStatusCode.OK);

        await admin.DeleteAsync($"/api/v1/escalation-policies/{policy.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        await admin.DeleteAsync($"/api/v1/chat-channels/{id}").ExpectAsync(HttpStatusCode.NoContent);
    }

    private static string Slug(string name) => name.ToLowerInvariant().Replace(' ', '-');

    [Theory, DatabaseData]
    public async Task Create_TakenNameOrUnknownTeam_Refused(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = $"Taken {Guid.NewGuid():N}";
        await admin.PostJson("/api/v1/chat-channels", new { name, url = SlackUrl }).ExpectAsync(HttpStatusCode.Created);
        await admin.PostJson("/api/v1/chat-channels", new { name, url = SlackUrl }).ExpectProblemAsync(HttpStatusCode.Conflict);
        var problem = await admin.PostJson("/api/v1/chat-channels", new { name = $"Other {Guid.NewGuid():N}", url = SlackUrl, teamId = Guid.NewGuid() })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("teamId", out _));
        Assert.Equal(JsonValueKind.Object, problem.ValueKind);
    }
}
