using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Directory;

public sealed class ContactMethodsApiTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task AddContactMethod_WebhookAndChatToExistingPerson_StoredAndListed(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var person = await admin.CreatePersonAsync(TestData.Unique("Webhook owner"));
        var url = $"/api/v1/people/{person.Id()}/contact-methods";

        var webhook = await admin.PostJson(url, new { kind = "Webhook", value = "https://hooks.example.org/lifeline/abc123" }).ExpectAsync(HttpStatusCode.Created);
        var chat = await admin.PostJson(url, new { kind = "ChatWebhook", value = "https://hooks.slack.com/services/T000/B000/XXXX" }).ExpectAsync(HttpStatusCode.Created);

        Assert.False(webhook.GetProperty("canSms").GetBoolean());
        Assert.False(chat.GetProperty("canVoice").GetBoolean());
        var listed = (await admin.GetAsync(url).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Select(m => m.GetProperty("value").GetString()).ToList();
        Assert.Contains("https://hooks.example.org/lifeline/abc123", listed);
        Assert.Contains("https://hooks.slack.com/services/T000/B000/XXXX", listed);

        var viewer = await server.ClientAsAsync("Viewer");
        var masked = (await viewer.GetAsync(url).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Select(m => m.GetProperty("value").GetString()).ToList();
        Assert.Contains("https://hooks.slack.com/•••", masked);
        Assert.DoesNotContain(masked, v => v!.Contains("T000", StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task AddContactMethod_WebhookToInternalAddressOrPlainHttp_Is400BesideValueAndStoresNothing(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var person = await admin.CreatePersonAsync(TestData.Unique("Webhook prober"));
        var url = $"/api/v1/people/{person.Id()}/contact-methods";
        var cases = new (string Kind, string Value, string Says)[]
        {
            ("Webhook", "http://127.0.0.1:8080/hooks/x", "https"),
            ("Webhook", "https://127.0.0.1:8080/hooks/x", "loopback"),
            ("Webhook", "https://10.0.0.5/hooks/x", "private"),
            ("ChatWebhook", "https://192.168.1.20/services/T0/B0/x", "private"),
            ("Webhook", "https://169.254.169.254/latest/meta-data", "link-local"),
            ("Webhook", "https://[::1]/hooks/x", "loopback"),
            ("Webhook", "https://[::ffff:169.254.169.254]/latest/meta-data", "link-local"),
            ("Webhook", "https://[fd00::5]/hooks/x", "private"),
            ("Webhook", "https://[fe80::1]/hooks/x", "link-local"),
            ("Webhook", "https://100.64.0.1/hooks/x", "carrier-grade NAT"),
            ("Webhook", "https://0.0.0.0/hooks/x", "unspecified"),
            ("Webhook", "https://224.0.0.1/hooks/x", "multicast"),
            ("Webhook", "http://hooks.example.org/lifeline", "https"),
            ("Webhook", "https://user:secret@hooks.example.org/lifeline", "user name"),
        };
        foreach (var (kind, value, says) in cases)
        {
            var problem = await admin.PostJson(url, new { kind, value }).ExpectProblemAsync(HttpStatusCode.BadRequest);
            var errors = problem.GetProperty("errors").GetProperty("value").EnumerateArray().Select(e => e.GetString()!).ToList();
            Assert.True(errors.Any(e => e.Contains(says, StringComparison.Ordinal)), $"{value}: expected '{says}' in {problem}");
        }
        var created = await admin.PostJson(url, new { kind = "Webhook", value = "https://hooks.example.org/lifeline/ok" }).ExpectAsync(HttpStatusCode.Created);
        await admin.PutJson($"{url}/{created.Id()}", new { kind = "Webhook", value = "https://169.254.169.254/latest/meta-data" }).ExpectProblemAsync(HttpStatusCode.BadRequest);
        await admin.PostJson("/api/v1/people", new { name = TestData.Unique("Webhook prober"), contactMethods = new[] { new { kind = "Webhook", value = "https://10.0.0.5/x" } } })
            .ExpectProblemAsync(HttpStatusCode.BadRequest);

        var stored = (await admin.GetAsync(url).ExpectAsync(HttpStatusCode.OK)).EnumerateArray().Select(m => m.GetProperty("value").GetString()).ToList();
        Assert.Equal(["https://hooks.example.org/lifeline/ok"], stored);
    }
}
