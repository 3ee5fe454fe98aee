using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Directory;

/// <summary>Every list endpoint searches with <c>q</c> and pages with <c>page</c>/<c>pageSize</c>, reporting <c>total</c>.</summary>
public sealed class PagingTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task List_PageBeyondAnyEnd_400InsteadOfWrappingToPageOne(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();

        var problem = await admin.GetAsync("/api/v1/people?page=2147483647&pageSize=200").ExpectProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty("page", out _));
    }

    [Theory, DatabaseData]
    public async Task ListPeople_SearchAndPages_ReturnsEachMatchOnce(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var token = Token();
        await admin.CreatePersonAsync($"Paged {token} A");
        await admin.CreatePersonAsync($"Paged {token} B");
        // Found by title as well as by name.
        await admin.PostJson("/api/v1/people", new { name = "Someone Else", title = $"Title {token}" }).ExpectAsync(HttpStatusCode.Created);
        await AssertPagedAsync(admin, "/api/v1/people", token);
    }

    [Theory, DatabaseData]
    public async Task ListRoles_SearchAndPages_ReturnsEachMatchOnce(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var token = Token();
        foreach (var suffix in "ABC")
        {
            await admin.PostJson("/api/v1/roles", new { name = $"Role {token} {suffix}" }).ExpectAsync(HttpStatusCode.Created);
        }
        await AssertPagedAsync(admin, "/api/v1/roles", token);
    }

    [Theory, DatabaseData]
    public async Task ListTeams_SearchAndPages_ReturnsEachMatchOnce(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var token = Token();
        foreach (var suffix in "ABC")
        {
            await admin.CreateTeamAsync($"Team {token} {suffix}");
        }
        await AssertPagedAsync(admin, "/api/v1/teams", token);
    }

    [Theory, DatabaseData]
    public async Task ListServiceAreasAndServices_SearchAndPages_ReturnsEachMatchOnce(DatabaseProvider provider)
    {
        var admin = (await servers.GetAsync(provider)).AdminClient();
        var token = Token();
        var manager = await admin.CreatePersonAsync(TestData.Unique("Manager"));
        foreach (var suffix in "ABC")
        {
            var area = await admin.CreateAreaAsync($"Area {token} {suffix}", manager.Id());
            await admin.CreateServiceAsync($"Service {token} {suffix}", area.Id());
        }
        await AssertPagedAsync(admin, "/api/v1/service-areas", token);
        await AssertPagedAsync(admin, "/api/v1/services", token);
    }

    [Theory, DatabaseData]
    public async Task ListAccountsAndLogs_SearchAndPages_ReturnsEachMatchOnce(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var token = Token();
        foreach (var suffix in "abc")
        {
            await admin.PostJson("/api/v1/accounts", new { userName = $"u{token}{suffix}", password = "Paged-password-123", roles = new[] { "Admin" } })
                .ExpectAsync(HttpStatusCode.Created);
        }
        await AssertPagedAsync(admin, "/api/v1/accounts", token);

        // The logs search by actor: one account makes three changes and three reads in clear.
        // (Its token is issued directly: a token issued through the API is account administration, audited too.)
        string secret;
        using (var scope = server.Services.CreateScope())
        {
            var account = await server.AccountAsync($"u{token}a");
            (_, secret) = await scope.ServiceProvider.GetRequiredService<AccountService>().IssueTokenAsync(account, "paging", null, CancellationToken.None);
        }
        var client = server.ClientWithToken(secret);
        foreach (var suffix in "ABC")
        {
            var person = await client.CreatePersonAsync($"Logged {token} {suffix}");
            await client.GetAsync($"/api/v1/people/{person.Id()}").ExpectAsync(HttpStatusCode.OK);
        }
        await AssertPagedAsync(admin, "/api/v1/audit-log", token);
        await AssertPagedAsync(admin, "/api/v1/access-log", token);
    }

    [Theory, DatabaseData]
    public async Task ListEndpoint_NoParameters_UsesFirstPageOf50(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var viewer = await server.ClientAsAsync(LifelineRoles.Viewer);
        var page = await viewer.GetAsync("/api/v1/services").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal((1, 50), (page.GetProperty("pageNumber").GetInt32(), page.GetProperty("pageSize").GetInt32()));
        Assert.True(page.Total() >= 9);
        Assert.Equal(Math.Min(50, page.Total()), page.Items().Count);
        var names = page.Items().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Equal(names.Order(StringComparer.Ordinal), names);
    }

    private static string Token() => Guid.NewGuid().ToString("N")[..10];

    private static async Task AssertPagedAsync(HttpClient client, string url, string token)
    {
        // Search ignores case.
        var first = await client.GetAsync($"{url}?q={token.ToUpperInvariant()}&pageSize=2&page=1").ExpectAsync(HttpStatusCode.OK);
        var second = await client.GetAsync($"{url}?q={token}&pageSize=2&page=2").ExpectAsync(HttpStatusCode.OK);
        var beyond = await client.GetAsync($"{url}?q={token}&pageSize=2&page=3").ExpectAsync(HttpStatusCode.OK);

        Assert.Equal((3, 1, 2), (first.Total(), first.GetProperty("pageNumber").GetInt32(), first.GetProperty("pageSize").GetInt32()));
        Assert.Equal((3, 2), (second.Total(), second.GetProperty("pageNumber").GetInt32()));
        Assert.Equal(3, beyond.Total());
        Assert.Equal(2, first.Items().Count);
        Assert.Single(second.Items());
        Assert.Empty(beyond.Items());
        var ids = first.Items().Concat(second.Items()).Select(i => i.Id()).ToList();
        Assert.Equal(3, ids.Distinct().Count());

        var all = await client.GetAsync($"{url}?q={token}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(ids.Order(), all.Items().Select(i => i.Id()).Order());
        Assert.All(all.Items(), i => Assert.Contains(token, i.GetRawText(), StringComparison.OrdinalIgnoreCase));
        var none = await client.GetAsync($"{url}?q=no-such-{token}").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(0, none.Total());
        Assert.Empty(none.Items());
    }
}
