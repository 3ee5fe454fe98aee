using System.Net;
using System.Text;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Server;

/// <summary>Phone numbers and e-mail addresses never reach the server's logs, at any level.</summary>
public sealed class PersonalDataLoggingTests
{
    [Theory, DatabaseData]
    public async Task DirectoryRequests_WithContactData_LogNoNumberOrAddress(DatabaseProvider provider)
    {
        var logs = new LogCollector();
        await using var server = await LifelineServer.StartAsync(provider, seedDemoData: false, logs: logs);
        var admin = server.AdminClient();
        var viewer = await server.ClientAsAsync(LifelineRoles.Viewer);
        var secrets = new[] { "+18605550177", "8605550177", "555-0177", "+442079460911", "7946 0911", "quinn.private", "quinn.updated", "quinn.typo", "hooks.example.org/s3cret" };

        var person = await admin.CreatePersonAsync("Quinn Private",
            new { kind = "CellPhone", value = "(860) 555-0177" },
            new { kind = "OfficePhone", value = "+44 20 7946 0911" },
            new { kind = "Email", value = "quinn.private@example.org" },
            new { kind = "Webhook", value = "https://hooks.example.org/s3cret" });
        var id = person.Id();
        await admin.GetAsync($"/api/v1/people/{id}").ExpectAsync(HttpStatusCode.OK);
        await admin.GetAsync($"/api/v1/people/{id}/contact-methods").ExpectAsync(HttpStatusCode.OK);
        await viewer.GetAsync($"/api/v1/people/{id}").ExpectAsync(HttpStatusCode.OK);
        var email = person.GetProperty("contactMethods").EnumerateArray().Single(m => m.GetProperty("kind").GetString() == "Email");
        await admin.PutJson($"/api/v1/people/{id}/contact-methods/{email.Id()}", new { kind = "Email", value = "quinn.updated@example.org" }).ExpectAsync(HttpStatusCode.OK);

        // Failures, where a careless handler would log the offending value.
        await admin.PostJson($"/api/v1/people/{id}/contact-methods", new { kind = "Email", value = "quinn.typo@@example.org" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await admin.PostJson($"/api/v1/people/{id}/contact-methods", new { kind = "CellPhone", value = "860-555-0177-99999" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await admin.PostJson($"/api/v1/people/{id}/contact-methods", new { kind = "CellPhone", value = "+1 860 555 0177" }).ExpectProblemAsync(HttpStatusCode.Conflict);
        using (var content = new StringContent("""{"name": "Quinn Again", "contactMethods": [{"kind": "Pager", "value": "+18605550177"}] }""", Encoding.UTF8, "application/json"))
        {
            await admin.PostAsync("/api/v1/people", content).ExpectProblemAsync(HttpStatusCode.BadRequest);
        }
        using (var content = new StringContent("""{"name": "Quinn Again", "contactMethods": [{"kind": "Email", "value": "quinn.private@example.org" """, Encoding.UTF8, "application/json"))
        {
            await admin.PostAsync("/api/v1/people", content).ExpectProblemAsync(HttpStatusCode.BadRequest);
        }
        await admin.DeleteAsync($"/api/v1/people/{id}").ExpectAsync(HttpStatusCode.NoContent);

        var messages = logs.Messages;
        Assert.True(messages.Count > 20, $"only {messages.Count} log messages were captured");
        Assert.Contains(messages, m => m.Contains("/api/v1/people", StringComparison.Ordinal)); // the requests were logged
        foreach (var secret in secrets)
        {
            var leaks = messages.Where(m => m.Contains(secret, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(leaks.Count == 0, $"'{secret}' is in the log:\n{string.Join("\n", leaks.Take(3))}");
        }
    }
}
