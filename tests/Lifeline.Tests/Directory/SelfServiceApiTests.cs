using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Lifeline.Storage;
using Lifeline.Templates;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Directory;

/// <summary>
/// Issue 13, part 1: a person keeps their own contact methods and absences; an admin may do it for anyone; nobody
/// else may (403, nothing changed). Verification by a code sent over the method itself.
/// </summary>
public sealed class SelfServiceApiTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task OwnContactMethods_PersonAddsChangesReordersRemoves_AllowedAndReadInClearIsLogged(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = TestData.Unique("Self servant");
        var person = await admin.CreatePersonAsync(name);
        var me = await server.ClientForPersonAsync(name, "Responder");
        var url = $"/api/v1/people/{person.Id()}/contact-methods";

        var first = await me.PostJson(url, new { kind = "CellPhone", value = "(860) 555-0161" }).ExpectAsync(HttpStatusCode.Created);
        var second = await me.PostJson(url, new { kind = "CellPhone", value = "+18605550162", priority = 1 }).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal("+18605550161", first.GetProperty("value").GetString());

        // A responder sees no one's values in clear, except their own; that read is in the access log like any other.
        var listed = await me.GetAsync(url).ExpectAsync(HttpStatusCode.OK);
        Assert.All(listed.EnumerateArray(), m => Assert.False(m.GetProperty("masked").GetBoolean()));
        Assert.Contains(listed.EnumerateArray(), m => m.GetProperty("value").GetString() == "+18605550162");
        await using (var scope = server.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            Assert.True(await db.ContactAccessLog.AnyAsync(e => e.PersonId == person.Id() && e.Purpose == "contact methods"));
        }
        var someoneElse = (await me.GetAsync("/api/v1/people?q=Henry Castillo").ExpectAsync(HttpStatusCode.OK)).Items()[0].Id();
        var theirs = await me.GetAsync($"/api/v1/people/{someoneElse}/contact-methods").ExpectAsync(HttpStatusCode.OK);
        Assert.All(theirs.EnumerateArray(), m => Assert.True(m.GetProperty("masked").GetBoolean()));

        await me.PutJson($"{url}/{first.Id()}", new { kind = "CellPhone", value = "+18605550163", label = "work cell" }).ExpectAsync(HttpStatusCode.OK);
        var reordered = await me.PutJson($"{url}/order", new { order = new[] { second.Id(), first.Id() } }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([second.Id(), first.Id()], reordered.EnumerateArray().Select(m => m.Id()).ToList());
        Assert.Equal([0, 1], reordered.EnumerateArray().Select(m => m.GetProperty("priority").GetInt32()).ToList());

        await me.DeleteAsync($"{url}/{second.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        var left = await admin.GetAsync(url).ExpectAsync(HttpStatusCode.OK);
        var only = Assert.Single(left.EnumerateArray());
        Assert.Equal("+18605550163", only.GetProperty("value").GetString());
        Assert.Equal("work cell", only.GetProperty("label").GetString());
    }

    [Theory, DatabaseData]
    public async Task SomeoneElsesContactMethods_PersonRefused403_NothingChanged(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = TestData.Unique("Nosy neighbour");
        await admin.CreatePersonAsync(name);
        var other = await admin.CreatePersonAsync(TestData.Unique("Other person"), new { kind = "CellPhone", value = "+18605550171" });
        var url = $"/api/v1/people/{other.Id()}/contact-methods";
        var method = (await admin.GetAsync(url).ExpectAsync(HttpStatusCode.OK))[0];
        var before = method.GetRawText();
        var nosy = await server.ClientForPersonAsync(name, "Responder", "IncidentManager");
        var unlinked = await server.ClientAsAsync("Level1Technician");

        foreach (var client in new[] { nosy, unlinked })
        {
            await client.PostJson(url, new { kind = "Email", value = "mallory@example.org" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
            await client.PutJson($"{url}/{method.Id()}", new { kind = "CellPhone", value = "+18605550172" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
            await client.PutJson($"{url}/order", new { order = new[] { method.Id() } }).ExpectProblemAsync(HttpStatusCode.Forbidden);
            await client.PostAsync($"{url}/{method.Id()}/verification", null).ExpectProblemAsync(HttpStatusCode.Forbidden);
            await client.PostJson($"{url}/{method.Id()}/verification/confirm", new { code = "123456" }).ExpectProblemAsync(HttpStatusCode.Forbidden);
            await client.DeleteAsync($"{url}/{method.Id()}").ExpectProblemAsync(HttpStatusCode.Forbidden);
        }

        var after = await admin.GetAsync(url).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(before, Assert.Single(after.EnumerateArray()).GetRawText());
    }

    [Theory, DatabaseData]
    public async Task OwnAbsence_PersonRecordsAndRemovesIt_SomeoneElsesRefused403AndKept(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = TestData.Unique("Away responder");
        var person = await admin.CreatePersonAsync(name);
        var standIn = await admin.CreatePersonAsync(TestData.Unique("Stand in"));
        var other = await admin.CreatePersonAsync(TestData.Unique("Other absentee"));
        var me = await server.ClientForPersonAsync(name, "Responder");
        var from = DateTimeOffset.UtcNow.AddHours(1);

        var mine = await me.PostJson($"/api/v1/people/{person.Id()}/availability", new { from, to = from.AddDays(2), standInId = standIn.Id(), reason = "leave" })
            .ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(standIn.Id(), mine.GetProperty("standInId").GetGuid());

        await me.PostJson($"/api/v1/people/{other.Id()}/availability", new { from, to = from.AddDays(1) }).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var theirs = await admin.PostJson($"/api/v1/people/{other.Id()}/availability", new { from, to = from.AddDays(1) }).ExpectAsync(HttpStatusCode.Created);
        await me.DeleteAsync($"/api/v1/people/{other.Id()}/availability/{theirs.Id()}").ExpectProblemAsync(HttpStatusCode.Forbidden);
        var otherAbsences = await admin.GetAsync($"/api/v1/people/{other.Id()}/availability").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal([theirs.Id()], otherAbsences.GetProperty("absences").EnumerateArray().Select(a => a.Id()).ToList());

        // Bad input is a 400 beside the field, as for an admin.
        var problem = await me.PostJson($"/api/v1/people/{person.Id()}/availability", new { from, to = from.AddHours(-1) }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("to", out _));

        await me.DeleteAsync($"/api/v1/people/{person.Id()}/availability/{mine.Id()}").ExpectAsync(HttpStatusCode.NoContent);
        var left = await me.GetAsync($"/api/v1/people/{person.Id()}/availability").ExpectAsync(HttpStatusCode.OK);
        Assert.Empty(left.GetProperty("absences").EnumerateArray());
    }

    [Theory, DatabaseData]
    public async Task Verification_WrongCodeThenRightCode_MarksVerified_ChangingTheValueClearsIt(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = TestData.Unique("Verifier");
        var person = await admin.CreatePersonAsync(name);
        var me = await server.ClientForPersonAsync(name, "Responder");
        var url = $"/api/v1/people/{person.Id()}/contact-methods";
        var method = await me.PostJson(url, new { kind = "CellPhone", value = TestData.UniquePhone() }).ExpectAsync(HttpStatusCode.Created);

        var sent = await me.PostAsync($"{url}/{method.Id()}/verification", null).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("Sms", sent.GetProperty("channel").GetString());
        var code = await SentCodeAsync(server, method.Id());
        var wrong = code == "000000" ? "000001" : "000000";

        var problem = await me.PostJson($"{url}/{method.Id()}/verification/confirm", new { code = wrong }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("4 tries left", problem.GetProperty("errors").GetProperty("code")[0].GetString());
        Assert.Equal(JsonValueKind.Null, (await me.GetAsync(url).ExpectAsync(HttpStatusCode.OK))[0].GetProperty("verifiedAt").ValueKind);

        var verified = await me.PostJson($"{url}/{method.Id()}/verification/confirm", new { code }).ExpectAsync(HttpStatusCode.OK);
        Assert.NotEqual(JsonValueKind.Null, verified.GetProperty("verifiedAt").ValueKind);
        // A code works once.
        await me.PostJson($"{url}/{method.Id()}/verification/confirm", new { code }).ExpectProblemAsync(HttpStatusCode.BadRequest);

        await me.PutJson($"{url}/{method.Id()}", new { kind = "CellPhone", value = TestData.UniquePhone() }).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, (await me.GetAsync(url).ExpectAsync(HttpStatusCode.OK))[0].GetProperty("verifiedAt").ValueKind);
    }

    [Theory, DatabaseData]
    public async Task Verification_TooManyWrongCodes_EvenTheRightCodeIsRefused(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var name = TestData.Unique("Guesser");
        var person = await admin.CreatePersonAsync(name);
        var me = await server.ClientForPersonAsync(name, "Responder");
        var url = $"/api/v1/people/{person.Id()}/contact-methods";
        var method = await me.PostJson(url, new { kind = "Email", value = $"guesser.{Guid.NewGuid():N}@example.org" }).ExpectAsync(HttpStatusCode.Created);
        var sent = await me.PostAsync($"{url}/{method.Id()}/verification", null).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("Email", sent.GetProperty("channel").GetString());
        var code = await SentCodeAsync(server, method.Id());
        var wrong = code == "111111" ? "222222" : "111111";

        for (var i = 0; i < 5; i++)
        {
            await me.PostJson($"{url}/{method.Id()}/verification/confirm", new { code = wrong }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        }
        var problem = await me.PostJson($"{url}/{method.Id()}/verification/confirm", new { code }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("Too many", problem.GetProperty("errors").GetProperty("code")[0].GetString());
        Assert.Equal(JsonValueKind.Null, (await me.GetAsync(url).ExpectAsync(HttpStatusCode.OK))[0].GetProperty("verifiedAt").ValueKind);

        // A new code starts over.
        await me.PostAsync($"{url}/{method.Id()}/verification", null).ExpectAsync(HttpStatusCode.Accepted);
        await me.PostJson($"{url}/{method.Id()}/verification/confirm", new { code = await SentCodeAsync(server, method.Id()) }).ExpectAsync(HttpStatusCode.OK);
    }

    [Theory, DatabaseData]
    public async Task Verification_CodeTypedAfterTenMinutes_RefusedAsExpired(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 15, 0, 0, TimeSpan.Zero));
        await using var server = await LifelineServer.StartAsync(provider, time);
        var admin = server.AdminClient();
        var name = TestData.Unique("Slow typist");
        var person = await admin.CreatePersonAsync(name);
        var me = await server.ClientForPersonAsync(name, "Responder");
        var url = $"/api/v1/people/{person.Id()}/contact-methods";
        var method = await me.PostJson(url, new { kind = "CellPhone", value = TestData.UniquePhone() }).ExpectAsync(HttpStatusCode.Created);
        await me.PostAsync($"{url}/{method.Id()}/verification", null).ExpectAsync(HttpStatusCode.Accepted);
        var code = await SentCodeAsync(server, method.Id());

        time.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(1));
        var problem = await me.PostJson($"{url}/{method.Id()}/verification/confirm", new { code }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("expired", problem.GetProperty("errors").GetProperty("code")[0].GetString());
        Assert.Equal(JsonValueKind.Null, (await me.GetAsync(url).ExpectAsync(HttpStatusCode.OK))[0].GetProperty("verifiedAt").ValueKind);
    }

    [Theory, DatabaseData]
    public async Task Verification_CodeIsStoredOnlyAsAHash(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var person = await admin.CreatePersonAsync(TestData.Unique("Hashed"), new { kind = "CellPhone", value = TestData.UniquePhone() });
        var url = $"/api/v1/people/{person.Id()}/contact-methods";
        var method = (await admin.GetAsync(url).ExpectAsync(HttpStatusCode.OK))[0];
        await admin.PostAsync($"{url}/{method.Id()}/verification", null).ExpectAsync(HttpStatusCode.Accepted);
        var code = await SentCodeAsync(server, method.Id());

        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var stored = await db.VerificationCodes.AsNoTracking().SingleAsync(c => c.ContactMethodId == method.Id());
        Assert.DoesNotContain(code, stored.CodeHash, StringComparison.Ordinal);
        var notification = await db.Notifications.AsNoTracking().SingleAsync(n => n.ContactMethodId == method.Id() && n.Template == TemplateKeys.VerificationCode);
        Assert.DoesNotContain(code, notification.Link!, StringComparison.Ordinal);
        Assert.DoesNotContain(code, notification.Instruction ?? "", StringComparison.Ordinal);
    }

    /// <summary>The code the queued message carries, as the person would read it in the SMS or e-mail.</summary>
    private static async Task<string> SentCodeAsync(LifelineServer server, Guid methodId)
    {
        await using var scope = server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var notification = (await db.Notifications.AsNoTracking()
            .Where(n => n.ContactMethodId == methodId && n.Template == TemplateKeys.VerificationCode).ToListAsync())
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).First();
        var message = await scope.ServiceProvider.GetRequiredService<MessageRenderer>().RenderAsync(notification, CancellationToken.None);
        Assert.Contains(Regex.Match(message.Short, @"\b\d{6}\b").Value, message.Text);
        return Regex.Match(message.Short, @"\b\d{6}\b").Value;
    }
}
