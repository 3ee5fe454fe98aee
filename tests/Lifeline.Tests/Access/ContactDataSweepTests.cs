using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Incidents;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Tests.Access;

/// <summary>
/// Every GET in the OpenAPI document, as each role that may not see contact data, on an organisation with incidents
/// that paged people and told a customer: no answer may carry a person's or a reporter's phone number or address in clear.
/// </summary>
public sealed partial class ContactDataSweepTests
{
    private const string ReporterPhone = "+18605550177";
    private const string ReporterEmail = "pat.doe@example.org";

    [Theory, DatabaseData]
    public async Task EveryGet_AsMaskedRoles_NoContactValueInClear(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        var serviceId = await admin.ServiceIdAsync("E-mail");
        var closed = await admin.PostJson("/api/v1/incidents", new { title = "E-mail down", serviceId, severity = 1, reporterName = "Pat Doe", reporterContact = ReporterPhone })
            .ExpectAsync(HttpStatusCode.Created);
        var number = closed.GetProperty("number").GetString()!;
        await admin.PostJson($"/api/v1/incidents/{number}/acknowledge", new { }).ExpectAsync(HttpStatusCode.OK);
        await admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "Restarted" }).ExpectAsync(HttpStatusCode.OK);
        await admin.PostJson($"/api/v1/incidents/{number}/close", new { }).ExpectAsync(HttpStatusCode.OK);
        await admin.PostJson("/api/v1/incidents", new { title = "Portal slow", serviceId, severity = 2, reporterName = "Pat Doe", reporterContact = ReporterEmail })
            .ExpectAsync(HttpStatusCode.Created);

        List<string> secrets;
        Dictionary<string, string> ids;
        await using (var db = server.Database.CreateContext())
        {
            secrets = await db.ContactMethods.Select(m => m.Value).ToListAsync(TestContext.Current.CancellationToken);
            secrets.AddRange([ReporterPhone, ReporterEmail]);
            var henry = await db.People.Where(p => p.Name == "Henry Castillo").Select(p => p.Id).SingleAsync(TestContext.Current.CancellationToken);
            ids = new Dictionary<string, string>
            {
                ["people"] = henry.ToString(),
                ["contact-methods"] = (await db.ContactMethods.Where(m => m.PersonId == henry).Select(m => m.Id).FirstAsync(TestContext.Current.CancellationToken)).ToString(),
                ["roles"] = (await db.DirectoryRoles.Select(r => r.Id).FirstAsync(TestContext.Current.CancellationToken)).ToString(),
                ["teams"] = (await db.Teams.Select(t => t.Id).FirstAsync(TestContext.Current.CancellationToken)).ToString(),
                ["service-areas"] = (await db.ServiceAreas.Select(a => a.Id).FirstAsync(TestContext.Current.CancellationToken)).ToString(),
                ["services"] = serviceId.ToString(),
                ["organisations"] = (await db.Organisations.Select(o => o.Id).FirstAsync(TestContext.Current.CancellationToken)).ToString(),
                ["escalation-policies"] = (await db.EscalationPolicies.Select(p => p.Id).FirstAsync(TestContext.Current.CancellationToken)).ToString(),
                ["communication-plans"] = (await db.CommunicationPlans.Select(p => p.Id).FirstAsync(TestContext.Current.CancellationToken)).ToString(),
                ["schedules"] = (await db.Schedules.Select(s => s.Id).FirstAsync(TestContext.Current.CancellationToken)).ToString(),
                ["classification-rules"] = (await db.ClassificationRules.Select(r => r.Id).FirstAsync(TestContext.Current.CancellationToken)).ToString(),
                ["accounts"] = (await db.Users.Select(a => a.Id).FirstAsync(TestContext.Current.CancellationToken)).ToString(),
                ["incidents"] = number,
                ["templates"] = "tier-page",
                ["severities"] = "1",
                // A heartbeat is sent by a job with an integration key, not read by people: an unknown monitor is enough here.
                ["heartbeats"] = Guid.NewGuid().ToString(),
            };
        }
        Assert.Contains("+18605550106", secrets); // Incident Manager 1's cell: the sweep looks for the real thing
        // A chat channel's webhook address is a credential: only admins see it, so the sweep looks for it too.
        const string chatUrl = "https://hooks.slack.com/services/T000/B000/SWEEPSECRET";
        var channel = await admin.PostJson("/api/v1/chat-channels", new { name = "Sweep channel", url = chatUrl }).ExpectAsync(HttpStatusCode.Created);
        ids["chat-channels"] = channel.GetProperty("id").GetGuid().ToString();
        secrets.Add(chatUrl);
        // A drill and a review, so that their reports are read for real rather than as 404s.
        var drill = await admin.PostJson("/api/v1/drills", new { serviceId, policyId = Guid.Parse(ids["escalation-policies"]) }).ExpectAsync(HttpStatusCode.Created);
        ids["drills"] = drill.GetProperty("id").GetGuid().ToString();
        var henryId = Guid.Parse(ids["people"]);
        await admin.PutJson($"/api/v1/incidents/{number}/review", new
        {
            summary = "Mail stopped.", impact = "Everyone.", causes = "A full disk.", timelineEntryIds = Array.Empty<Guid>(),
            actions = new[] { new { text = "Alert on the disk", ownerId = henryId, dueOn = "2026-12-01" } },
        }).ExpectAsync(HttpStatusCode.OK);

        var document = await admin.GetAsync("/openapi/v1.json").ExpectAsync(HttpStatusCode.OK);
        var urls = new List<string>();
        foreach (var path in document.GetProperty("paths").EnumerateObject().Where(p => p.Value.TryGetProperty("get", out _)))
        {
            // The survey link's token is the customer's credential; the sweep has none.
            if (!path.Name.StartsWith("/api/v1/", StringComparison.Ordinal) || path.Name.StartsWith("/api/v1/surveys/", StringComparison.Ordinal))
            {
                continue;
            }
            var resolved = Placeholder().Replace(path.Name, m =>
            {
                var segment = path.Name[..m.Index].TrimEnd('/').Split('/')[^1];
                return ids.GetValueOrDefault(segment) ?? "unresolved";
            });
            Assert.DoesNotContain("unresolved", resolved);
            urls.Add(resolved);
        }
        Assert.True(urls.Count >= 30, $"only {urls.Count} GET operations were swept");

        foreach (var role in new[] { LifelineRoles.Viewer, LifelineRoles.Stakeholder, LifelineRoles.Responder })
        {
            var client = await server.ClientAsAsync(role);
            var read = 0;
            foreach (var url in urls)
            {
                using var response = await client.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    read++;
                }
                var leaked = secrets.Where(s => body.Contains(s, StringComparison.OrdinalIgnoreCase) || body.Contains(JsonSerializer.Serialize(s)[1..^1], StringComparison.OrdinalIgnoreCase)).ToList();
                Assert.True(leaked.Count == 0, $"{role} read {string.Join(", ", leaked)} in clear from GET {url}");
            }
            Assert.True(read >= 20, $"{role} could read only {read} of {urls.Count} endpoints: the sweep proves little");
        }
    }

    [GeneratedRegex("{[^}]+}")]
    private static partial Regex Placeholder();
}
