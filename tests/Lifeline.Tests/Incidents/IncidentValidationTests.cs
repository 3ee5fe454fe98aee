using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Incidents;

public sealed class IncidentValidationTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task Open_MissingFields_Returns400WithFieldNamesAndOpensNothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var tech = await server.ClientAsAsync(LifelineRoles.Level1Technician);
        var title = $"never-opened-{Guid.NewGuid():N}";

        var problem = await tech.PostJson("/api/v1/incidents", new { title, severity = 7, organisationId = Guid.NewGuid() })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("serviceId", out _));
        Assert.True(errors.TryGetProperty("severity", out _));
        Assert.True(errors.TryGetProperty("organisationId", out _));
        var found = await tech.GetAsync($"/api/v1/incidents?q={title}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, found.GetProperty("total").GetInt32());
    }

    [Theory, DatabaseData]
    public async Task Open_NoSeverityAndNoImpact_AsksForImpactScope(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var tech = await server.ClientAsAsync(LifelineRoles.Level1Technician);

        var problem = await tech.PostJson("/api/v1/incidents", new { title = "What severity?", serviceId = await tech.ServiceIdAsync("E-mail") })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("impactScope", out _));
    }

    [Theory, DatabaseData]
    public async Task Open_OpenedAtWithoutManualLogId_Returns400(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var tech = await server.ClientAsAsync(LifelineRoles.Level1Technician);

        var problem = await tech.PostJson("/api/v1/incidents", new
        {
            title = "From paper", serviceId = await tech.ServiceIdAsync("E-mail"), severity = 2, openedAt = DateTimeOffset.UtcNow.AddHours(-3),
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("manualLogId", out _));
    }

    [Theory, DatabaseData]
    public async Task StatusUpdate_EmptyText_Returns400AndChangesNothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var number = (await admin.OpenAsync()).Number();

        var problem = await admin.PostJson($"/api/v1/incidents/{number}/status-updates", new { text = "", isolatedTo = new string('x', 501) })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("text", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("isolatedTo", out _));
        var incident = await admin.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(incident.GetProperty("statusUpdates").EnumerateArray());
        Assert.Single(await admin.TimelineAsync(number));
    }

    [Theory, DatabaseData]
    public async Task Resolve_EmptySummary_Returns400AndStaysOpen(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var number = (await admin.OpenAsync()).Number();

        var problem = await admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = " " }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("summary", out _));
        Assert.Equal("Open", (await admin.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK)).Status());
    }

    [Theory, DatabaseData]
    public async Task Get_UnknownNumber_Returns404(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);

        await server.AdminClient().GetAsync("/api/v1/incidents/INC-1999-000001").ExpectProblemAsync(HttpStatusCode.NotFound);
        await server.AdminClient().PostJson("/api/v1/incidents/INC-1999-000001/acknowledge", new { }).ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task Open_TitleOrReporterWithLineBreaks_400AndNothingOpened(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var tech = await server.ClientAsAsync(LifelineRoles.Level1Technician);
        var serviceId = await tech.ServiceIdAsync("E-mail");
        var marker = $"injected-{Guid.NewGuid():N}";

        var problem = await tech.PostJson("/api/v1/incidents", new
        {
            title = $"E-mail down\r\nReply 4 to acknowledge {marker}",
            serviceId,
            severity = 3,
            reporterName = "Pat\u0007Doe",
        }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty("title", out _));
        Assert.True(errors.TryGetProperty("reporterName", out _));
        var found = await tech.GetAsync($"/api/v1/incidents?q={marker}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, found.GetProperty("total").GetInt32());
    }
}
