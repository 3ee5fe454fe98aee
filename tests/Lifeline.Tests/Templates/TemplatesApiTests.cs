using System.Net;
using System.Text.Json;
using Lifeline.Access;
using Lifeline.Notifications;
using Lifeline.Storage;
using Lifeline.Templates;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Templates;

public sealed class TemplatesApiTests
{
    private static object Edit(string subject = "Test for {{ recipient.name }}", string text = "Hello {{ recipient.name }}.\n", string shortForm = "Test") =>
        new { subject, textBody = text, shortForm };

    [Theory, DatabaseData]
    public async Task List_FreshDatabase_HasEverySeededTemplate(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);
        var list = await server.AdminClient().GetAsync("/api/v1/templates").ExpectAsync(HttpStatusCode.OK);
        var keys = list.EnumerateArray().Select(t => t.GetProperty("key").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?>(DefaultTemplates.All.Select(d => d.Key)), keys);
        var initial = await server.AdminClient().GetAsync("/api/v1/templates/initial").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("Severity {{ incident.severity }} Service Disruption Notification – Ticket #{{ incident.number }}", initial.GetProperty("subject").GetString());
    }

    [Theory, DatabaseData]
    public async Task Update_SyntaxError_Returns400WithTheLineAndStoresNothing(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        var problem = await admin.PutJson("/api/v1/templates/test-message", Edit(text: "Hello.\n\n{% if recipient.name %}\nUnclosed.\n"))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty("textBody")[0].GetString();
        Assert.StartsWith("line 3:", message);
        Assert.Contains("never closed", message);

        problem = await admin.PutJson("/api/v1/templates/test-message", Edit(text: "One\nTwo {{ recipient.name \n")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("line 2:", problem.GetProperty("errors").GetProperty("textBody")[0].GetString());

        var stored = await admin.GetAsync("/api/v1/templates/test-message").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(DefaultTemplates.All.Single(d => d.Key == "test-message").TextBody, stored.GetProperty("textBody").GetString());
    }

    [Theory, DatabaseData]
    public async Task Preview_Draft_RendersTheDraftOrRefusesItsTypoWithTheLine_StoresNothing(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);
        var admin = server.AdminClient();

        var problem = await admin.PostJson("/api/v1/templates/test-message/preview", new { textBody = "Hello.\n\nDear {{ recipient.name \n" })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("line 3:", problem.GetProperty("errors").GetProperty("textBody")[0].GetString());

        var preview = await admin.PostJson("/api/v1/templates/test-message/preview", new { subject = "Draft for {{ recipient.name | upcase }}" })
            .ExpectAsync(HttpStatusCode.OK);
        Assert.Equal($"Draft for {TemplateModel.Sample().Recipient.Name!.ToUpperInvariant()}", preview.GetProperty("subject").GetString());

        var stored = await admin.GetAsync("/api/v1/templates/test-message").ExpectAsync(HttpStatusCode.OK);
        var shipped = DefaultTemplates.All.Single(d => d.Key == "test-message");
        Assert.Equal(shipped.Subject, stored.GetProperty("subject").GetString());
        Assert.True(stored.GetProperty("isDefault").GetBoolean());
    }

    [Theory, DatabaseData]
    public async Task Reset_ChangedTemplate_BackToTheDefault_Audited(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false);
        var admin = server.AdminClient();
        var changed = await admin.PutJson("/api/v1/templates/test-message", Edit()).ExpectAsync(HttpStatusCode.OK);
        Assert.False(changed.GetProperty("isDefault").GetBoolean());

        var reset = await admin.PostAsync("/api/v1/templates/test-message/reset", null).ExpectAsync(HttpStatusCode.OK);

        var shipped = DefaultTemplates.All.Single(d => d.Key == "test-message");
        Assert.True(reset.GetProperty("isDefault").GetBoolean());
        var stored = await admin.GetAsync("/api/v1/templates/test-message").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(shipped.Subject, stored.GetProperty("subject").GetString());
        Assert.Equal(shipped.TextBody, stored.GetProperty("textBody").GetString());
        Assert.Equal(shipped.ShortForm, stored.GetProperty("shortForm").GetString());
        var id = await IdOfAsync(server, "test-message");
        var audit = await admin.GetAsync($"/api/v1/audit-log?entityType=MessageTemplate&entityId={id}").ExpectAsync(HttpStatusCode.OK);
        var updates = audit.Items().Where(e => e.GetProperty("action").GetString() == "Updated").ToList();
        Assert.Equal(2, updates.Count);
        Assert.All(updates, e => Assert.Equal("admin", e.GetProperty("actor").GetString()));

        await admin.PostAsync("/api/v1/templates/no-such-template/reset", null).ExpectProblemAsync(HttpStatusCode.NotFound);
        using var viewer = await server.ClientAsAsync(LifelineRoles.Viewer);
        await viewer.PostAsync("/api/v1/templates/test-message/reset", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
    }

    private static async Task<Guid> IdOfAsync(LifelineServer server, string key)
    {
        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        return await db.MessageTemplates.Where(t => t.Key == key).Select(t => t.Id).SingleAsync(TestContext.Current.CancellationToken);
    }

    [Theory, DatabaseData]
    public async Task Update_UnknownVariableEvenInBranchNotTaken_Returns400NamingIt(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var problem = await server.AdminClient().PutJson("/api/v1/templates/test-message",
            Edit(shortForm: "Test\n{% if incident.is_drill %}{% else %}{{ incident.colour }}{% endif %}")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        var message = problem.GetProperty("errors").GetProperty("shortForm")[0].GetString();
        Assert.StartsWith("line 2: unknown variable 'incident.colour'", message);

        problem = await server.AdminClient().PutJson("/api/v1/templates/test-message", Edit(subject: "{{ recipient.name | shout }}"))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("unknown filter 'shout'", problem.GetProperty("errors").GetProperty("subject")[0].GetString());
    }

    [Theory, DatabaseData]
    public async Task Update_ValidEdit_UsedByTheNextRender(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var edited = await server.AdminClient().PutJson("/api/v1/templates/test-message",
            Edit(subject: "Checking {{ recipient.name | upcase }}", text: "Hi {{ recipient.name }}, this checks your address.\n")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("admin", edited.GetProperty("updatedBy").GetString());

        using var scope = server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var person = db.People.Single(p => p.Name == "Grace Okafor");
        var notification = Notification.Verification(person.Id, Guid.NewGuid(), NotificationChannel.Email, DateTimeOffset.UtcNow);
        var rendered = await scope.ServiceProvider.GetRequiredService<MessageRenderer>().RenderAsync(notification, CancellationToken.None);
        Assert.Equal("Checking GRACE OKAFOR", rendered.Subject);
        Assert.Equal("Hi Grace Okafor, this checks your address.\n", rendered.Text);
    }

    [Theory, DatabaseData]
    public async Task Preview_RealIncident_RendersItsValues(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        var services = await admin.GetAsync("/api/v1/services?q=Citrix").ExpectAsync(HttpStatusCode.OK);
        var serviceId = services.GetProperty("items")[0].GetProperty("id").GetGuid();
        var incident = await admin.PostJson("/api/v1/incidents", new { title = "Citrix down", serviceId, severity = 1, reporterName = "Pat Doe" }).ExpectAsync(HttpStatusCode.Created);
        var number = incident.GetProperty("number").GetString()!;

        var preview = await admin.PostJson("/api/v1/templates/initial/preview", new { incidentNumber = number }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal($"Severity 1 Service Disruption Notification – Ticket #{number}", preview.GetProperty("subject").GetString());
        Assert.StartsWith("This is to inform you of the Citrix service disruption.", preview.GetProperty("text").GetString());
        // No incident manager yet: Incident Manager 1 signs.
        Assert.Contains("Henry Castillo\nIncident Manager 1\n", preview.GetProperty("text").GetString());

        var sample = await admin.PostJson("/api/v1/templates/initial/preview", new { }).ExpectAsync(HttpStatusCode.OK);
        Assert.Contains("INC-2026-000123", sample.GetProperty("subject").GetString());
        await admin.PostJson("/api/v1/templates/initial/preview", new { incidentNumber = "INC-1999-000001" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }

    [Theory, DatabaseData]
    public async Task Templates_NonAdmin_Forbidden403(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var manager = await server.ClientAsAsync(LifelineRoles.IncidentManager);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.GetAsync("/api/v1/templates")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PutJson("/api/v1/templates/test-message", Edit())).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await manager.PostJson("/api/v1/templates/initial/preview", new { })).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task Update_Loop4000By4000_Returns400BesideTheFieldAndStoresNothing(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var admin = server.AdminClient();
        var problem = await admin.PutJson("/api/v1/templates/test-message",
            Edit(text: "{% for i in (1..4000) %}{% for j in (1..4000) %}x{% endfor %}{% endfor %}\n")).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.StartsWith("The template 'test-message text' exceeded its render limit:", problem.GetProperty("errors").GetProperty("textBody")[0].GetString());

        problem = await admin.PutJson("/api/v1/templates/test-message", new
        {
            subject = "S", textBody = "T\n", shortForm = "S",
            htmlBody = "{% capture x %}ab{% endcapture %}{% for i in (1..40) %}{% capture x %}{{ x }}{{ x }}{% endcapture %}{% endfor %}{{ x }}",
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("exceeded its render limit: the capture 'x' longer than", problem.GetProperty("errors").GetProperty("htmlBody")[0].GetString());

        var stored = await admin.GetAsync("/api/v1/templates/test-message").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(DefaultTemplates.All.Single(d => d.Key == "test-message").TextBody, stored.GetProperty("textBody").GetString());
        Assert.Equal(JsonValueKind.Null, stored.GetProperty("htmlBody").ValueKind);
    }

    [Theory, DatabaseData]
    public async Task Update_Include_Returns400SayingTemplatesAreNotFiles(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        var problem = await server.AdminClient().PutJson("/api/v1/templates/test-message", Edit(subject: "{% include 'x' %}"))
            .ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal("line 1: '{% include %}' cannot work here: templates are stored in Lifeline, not in files, so there is nothing to include. Copy the text in instead.",
            problem.GetProperty("errors").GetProperty("subject")[0].GetString());
    }
}
