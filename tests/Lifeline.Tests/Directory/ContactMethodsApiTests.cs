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
}
