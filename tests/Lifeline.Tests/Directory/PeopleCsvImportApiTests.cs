using System.Net;
using System.Text;
using Lifeline.Directory.People;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Directory;

public sealed class PeopleCsvImportApiTests(SharedServers servers)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<HttpResponseMessage> PostCsv(HttpClient client, string csv, bool? apply)
    {
        var content = new StringContent(csv, Encoding.UTF8, "text/csv");
        var query = apply is { } a ? $"?apply={(a ? "true" : "false")}" : "";
        return client.PostAsync($"/api/v1/people/import{query}", content, Ct);
    }

    private static async Task<PeopleCsvSample> SampleAsync(HttpClient admin, int count = 200)
    {
        var tag = TestData.Unique("Csv");
        var team = TestData.Unique("Csv Team");
        var role = TestData.Unique("Csv Role");
        await admin.CreateTeamAsync(team);
        await admin.PostJson("/api/v1/roles", new { name = role, responsibilities = "Imported" }).ExpectAsync(HttpStatusCode.Created);
        return new PeopleCsvSample(tag, team, role, count);
    }

    private static async Task<List<Person>> StoredAsync(LifelineServer server, string tag)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LifelineDbContext>().People.AsNoTracking().Include(p => p.ContactMethods)
            .Where(p => p.Name.StartsWith(tag)).ToListAsync(Ct);
    }

    [Theory, DatabaseData]
    public async Task Import_200PeopleWith3BadRows_PreviewNamesThoseRowsStoresNothing_FixedApplyStores200(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var sample = await SampleAsync(admin);

        var preview = await PostCsv(admin, sample.WithThreeBadRows(), apply: false).ExpectAsync(HttpStatusCode.OK);

        Assert.False(preview.GetProperty("applied").GetBoolean());
        var rows = preview.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal(200, rows.Count);
        var bad = rows.Where(r => r.GetProperty("action").GetString() == "Error").ToDictionary(r => r.GetProperty("row").GetInt32(),
            r => string.Join(" ", r.GetProperty("errors").EnumerateArray().Select(e => e.GetString())));
        Assert.Equal(PeopleCsvSample.BadRows.Keys.Order(), bad.Keys.Order());
        foreach (var (line, says) in PeopleCsvSample.BadRows)
        {
            Assert.Contains(says, bad[line], StringComparison.Ordinal);
        }
        Assert.Equal(197, rows.Count(r => r.GetProperty("action").GetString() == "Create"));
        Assert.Empty(await StoredAsync(server, sample.Tag));

        var refused = await PostCsv(admin, sample.WithThreeBadRows(), apply: true).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["row 12", "row 122", "row 52"], refused.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal));
        Assert.Empty(await StoredAsync(server, sample.Tag));

        var applied = await PostCsv(admin, sample.Good(), apply: true).ExpectAsync(HttpStatusCode.OK);

        Assert.True(applied.GetProperty("applied").GetBoolean());
        Assert.Equal(200, applied.GetProperty("created").GetInt32());
        var stored = await StoredAsync(server, sample.Tag);
        Assert.Equal(200, stored.Count);
        var first = stored.Single(p => p.Name == sample.Name(0));
        Assert.Equal("Analyst, Level 2", first.Title);
        Assert.Equal("America/New_York", first.TimeZone);
        Assert.Contains(first.ContactMethods, c => c.Kind == ContactMethodKind.CellPhone && c.Value == PeopleCsvSample.CellE164(0) && c.CanSms);
        Assert.Contains(first.ContactMethods, c => c.Kind == ContactMethodKind.Email && c.Value == sample.Email(0));
        Assert.Contains(first.ContactMethods, c => c.Kind == ContactMethodKind.OfficePhone);
        Assert.Equal(200 * 2 + 20, stored.Sum(p => p.ContactMethods.Count));
        var details = await admin.GetAsync($"/api/v1/people/{first.Id}", Ct).ExpectAsync(HttpStatusCode.OK);
        Assert.Single(details.GetProperty("teams").EnumerateArray());
        Assert.Single(details.GetProperty("roles").EnumerateArray());

        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            var ids = stored.Select(p => p.Id).ToList();
            var audited = await db.AuditLog.AsNoTracking().Where(a => a.EntityType == "Person" && a.Action == "Created" && ids.Contains(a.EntityId)).ToListAsync(Ct);
            Assert.Equal(200, audited.Count);
            Assert.All(audited, a => Assert.DoesNotContain("system", a.Actor, StringComparison.Ordinal));
        }

        // The same file again matches everyone by e-mail: nothing to do. A changed title updates that person only.
        var again = await PostCsv(admin, sample.Good(), apply: false).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(200, again.GetProperty("unchanged").GetInt32());
        var changed = sample.Good().Replace($"{sample.Name(7)},Technician", $"{sample.Name(7)},Team Lead", StringComparison.Ordinal);
        var update = await PostCsv(admin, changed, apply: true).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(1, update.GetProperty("updated").GetInt32());
        Assert.Equal(0, update.GetProperty("created").GetInt32());
        Assert.Equal("Team Lead", (await StoredAsync(server, sample.Tag)).Single(p => p.Name == sample.Name(7)).Title);
        Assert.Equal(200, (await StoredAsync(server, sample.Tag)).Count);
    }

    [Theory, DatabaseData]
    public async Task Import_BadFileWrongColumnsOrTooLarge_ClearProblemAndNothingStored(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var sample = await SampleAsync(admin, count: 3);
        var good = sample.Good();
        var cases = new (string Csv, HttpStatusCode Status, string Says)[]
        {
            ("", HttpStatusCode.BadRequest, "empty"),
            (PeopleCsvSample.Header + "\r\n", HttpStatusCode.BadRequest, "no rows"),
            (good.Replace("Cell phone", "Fax", StringComparison.Ordinal), HttpStatusCode.BadRequest, "'Fax'"),
            (good.Replace("Name,", "Person,", StringComparison.Ordinal), HttpStatusCode.BadRequest, "'Person'"),
            ("Title,Email\r\nChief,a@example.org\r\n", HttpStatusCode.BadRequest, "column name is missing"),
            (good + $"\"{sample.Tag} Unclosed,Technician\r\n", HttpStatusCode.BadRequest, "not valid CSV"),
            (good + $"{sample.Tag} Short row,Technician\r\n", HttpStatusCode.BadRequest, "not valid CSV"),
            ("Name\r\n" + string.Concat(Enumerable.Range(0, 5001).Select(i => $"{sample.Tag} Many {i}\r\n")), HttpStatusCode.RequestEntityTooLarge, "5000 rows"),
            ("Name,Notes\r\n" + string.Concat(Enumerable.Range(0, 600).Select(i => $"{sample.Tag} Big {i},{new string('x', 4000)}\r\n")),
                HttpStatusCode.RequestEntityTooLarge, "larger"),
        };
        foreach (var (csv, status, says) in cases)
        {
            foreach (var apply in new[] { false, true })
            {
                var problem = await PostCsv(admin, csv, apply).ExpectProblemAsync(status);
                Assert.Contains(says, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }
        Assert.Empty(await StoredAsync(server, sample.Tag));
    }

    [Theory, DatabaseData]
    public async Task ImportAndExport_NotAdmin_403AndNothingStored(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var sample = await SampleAsync(server.AdminClient(), count: 2);
        foreach (var role in new[] { "Level1Technician", "IncidentManager", "Viewer" })
        {
            var client = await server.ClientAsAsync(role);
            await PostCsv(client, sample.Good(), apply: true).ExpectProblemAsync(HttpStatusCode.Forbidden);
            using var export = await client.GetAsync("/api/v1/people/export?format=csv", Ct);
            Assert.Equal(HttpStatusCode.Forbidden, export.StatusCode);
        }
        Assert.Empty(await StoredAsync(server, sample.Tag));
    }

    [Theory, DatabaseData]
    public async Task Export_Admin_CsvInImportColumnsWithClearValuesLoggedAndImportsBackUnchanged(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var sample = await SampleAsync(admin, count: 3);
        await PostCsv(admin, sample.Good(), apply: true).ExpectAsync(HttpStatusCode.OK);
        var ids = (await StoredAsync(server, sample.Tag)).Select(p => p.Id).ToList();

        using var response = await admin.GetAsync("/api/v1/people/export?format=csv", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var csv = await response.Content.ReadAsStringAsync(Ct);

        Assert.StartsWith("name,title,time_zone,teams,roles,email,work_phone,cell_phone,notes", csv, StringComparison.Ordinal);
        Assert.Contains(PeopleCsvSample.CellE164(1), csv, StringComparison.Ordinal);
        Assert.Contains(sample.Email(2), csv, StringComparison.Ordinal);
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            Assert.Equal(3, await db.ContactAccessLog.CountAsync(e => e.Purpose == "directory CSV export" && ids.Contains(e.PersonId), Ct));
        }

        var back = await PostCsv(admin, csv, apply: false).ExpectAsync(HttpStatusCode.OK);
        var mine = back.GetProperty("rows").EnumerateArray().Where(r => r.GetProperty("name").GetString()!.StartsWith(sample.Tag, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, mine.Count);
        Assert.All(mine, r => Assert.Equal("Unchanged", r.GetProperty("action").GetString()));
        await admin.GetAsync("/api/v1/people/export?format=xlsx", Ct).ExpectProblemAsync(HttpStatusCode.BadRequest);
    }
}
