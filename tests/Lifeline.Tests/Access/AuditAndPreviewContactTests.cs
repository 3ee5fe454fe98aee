using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Templates;
using Lifeline.Tests.Incidents;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Access;

/// <summary>Finding 1's remainder: audit-log before/after values and template previews show contact values; in clear only to those entitled, and logged.</summary>
public sealed class AuditAndPreviewContactTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task AuditLog_ContactMethodValues_ReadInClearIsAccessLogged(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var person = await admin.PostJson("/api/v1/people", new { name = TestData.Unique("Audited Person"), contactMethods = new[] { new { kind = "Email", value = "audited.person@example.org" } } })
            .ExpectAsync(HttpStatusCode.Created);
        var personId = person.Id();
        var method = (await admin.GetAsync($"/api/v1/people/{personId}/contact-methods").ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Single().Id();
        var before = (await admin.GetAsync($"/api/v1/access-log?personId={personId}").ExpectAsync(HttpStatusCode.OK)).GetProperty("total").GetInt32();

        var audit = await admin.GetAsync($"/api/v1/audit-log?entityType=ContactMethod&entityId={method}").ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("audited.person@example.org", audit.ToString(), StringComparison.Ordinal);

        var log = await admin.GetAsync($"/api/v1/access-log?personId={personId}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(before + 1, log.GetProperty("total").GetInt32());
        Assert.Contains(log.GetProperty("items").EnumerateArray(), e => e.GetProperty("purpose").GetString() == "audit log");
    }

    [Fact]
    public void AuditLog_ForARoleNotEntitled_ContactMethodValueMasked()
    {
        var entry = new AuditEntryView(Guid.NewGuid(), DateTimeOffset.UtcNow, "admin", "ContactMethod", Guid.NewGuid(), "Updated",
            """{"Kind":1,"PersonId":"0190aa00-0000-7000-8000-000000000001","Value":"+18605550199"}""",
            """{"Kind":2,"PersonId":"0190aa00-0000-7000-8000-000000000001","Value":"someone@example.org"}""");

        var masked = AuditLogContacts.Masked(entry);

        Assert.DoesNotContain("5550199", masked.Before, StringComparison.Ordinal);
        Assert.Contains("0199", masked.Before, StringComparison.Ordinal);
        Assert.DoesNotContain("someone@", masked.After, StringComparison.Ordinal);
        Assert.Equal([Guid.Parse("0190aa00-0000-7000-8000-000000000001")], AuditLogContacts.PeopleIn([entry]));
    }

    [Theory, DatabaseData]
    public async Task TemplatePreview_RealIncident_ManagerContactLoggedForAdminMaskedForOthers(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var number = (await admin.OpenAsync()).Number();

        var preview = await admin.PostJson("/api/v1/templates/initial/preview", new { incidentNumber = number }).ExpectAsync(HttpStatusCode.OK);
        var text = preview.GetProperty("text").GetString()!;
        Assert.Contains("@example.org", text, StringComparison.Ordinal);
        await using (var db = server.Database.CreateContext())
        {
            Assert.True(await db.ContactAccessLog.AnyAsync(e => e.Purpose == $"template preview of initial against {number}", TestContext.Current.CancellationToken));
        }

        using var scope = server.Services.CreateScope();
        var viewer = new Actor(null, "a viewer", new HashSet<string> { LifelineRoles.Viewer }, null, null);
        var (masked, refusal) = await scope.ServiceProvider.GetRequiredService<TemplateCatalogue>().PreviewAsync(viewer, "initial", new(number), TestContext.Current.CancellationToken);
        Assert.Null(refusal);
        var email = text.Split('<', '>').Single(p => p.StartsWith("mailto:", StringComparison.Ordinal))["mailto:".Length..];
        Assert.DoesNotContain(email, masked!.Text, StringComparison.Ordinal);
        Assert.Contains("•••", masked.Text, StringComparison.Ordinal);
    }
}
