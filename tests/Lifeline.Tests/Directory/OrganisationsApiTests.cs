using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Directory;

public sealed class OrganisationsApiTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task List_DemoData_FlagsTheGovernorsOfficesAsVip(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);

        var page = await server.AdminClient().GetAsync("/api/v1/organisations?pageSize=200").ExpectAsync(HttpStatusCode.OK);

        var vip = page.GetProperty("items").EnumerateArray().Where(o => o.GetProperty("isVip").GetBoolean()).Select(o => o.GetProperty("name").GetString()).ToList();
        Assert.Contains("Office of the Governor", vip);
        Assert.Contains("Office of the Lieutenant Governor", vip);
        Assert.DoesNotContain("Department of Motor Vehicles", vip);
    }

    [Theory, DatabaseData]
    public async Task CreateUpdateDelete_Admin_Works(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = $"Agency {Guid.NewGuid():N}";

        var created = await admin.PostJson("/api/v1/organisations", new { name, isVip = false }).ExpectAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetGuid();
        var updated = await admin.PutJson($"/api/v1/organisations/{id}", new { name, isVip = true }).ExpectAsync(HttpStatusCode.OK);
        await admin.PostJson("/api/v1/organisations", new { name }).ExpectProblemAsync(HttpStatusCode.Conflict);
        using var deleted = await admin.DeleteAsync($"/api/v1/organisations/{id}");

        Assert.True(updated.GetProperty("isVip").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await admin.GetAsync($"/api/v1/organisations/{id}").ExpectProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory, DatabaseData]
    public async Task Create_NonAdminOrNoName_IsRefused(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var tech = await server.ClientAsAsync(LifelineRoles.Level1Technician);

        using var forbidden = await tech.PostJson("/api/v1/organisations", new { name = "Somewhere" });
        var problem = await server.AdminClient().PostJson("/api/v1/organisations", new { name = "" }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
    }
}
