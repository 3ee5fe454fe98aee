using System.Net;
using System.Text;
using Lifeline.StandIns;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Lifeline.Tests.Notifications.Dispatch;

namespace Lifeline.Tests.Server;

/// <summary>Bodies are limited before they are read: anonymous routes take little, every route a megabyte at most.</summary>
public sealed class RequestLimitTests(SharedServers servers)
{
    /// <summary>A body whose length is not declared, so it goes chunked and only a limit on reading stops it.</summary>
    private sealed class UndeclaredLength(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static byte[] JsonOf(int size) => Encoding.UTF8.GetBytes("{\"userName\":\"admin\",\"password\":\"" + new string('x', size) + "\"}");

    [Theory, DatabaseData]
    public async Task SignIn_LargeBody_413BeforeReading(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var client = server.CreateClient();

        var declared = new ByteArrayContent(JsonOf(2 * 1024 * 1024));
        declared.Headers.ContentType = new("application/json");
        await client.PostAsync("/api/v1/auth/login", declared).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        var chunked = new UndeclaredLength(JsonOf(100 * 1024));
        chunked.Headers.ContentType = new("application/json");
        await client.PostAsync("/api/v1/auth/login", chunked).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        // A sign-in of ordinary size still goes through.
        await client.PostJson("/api/v1/auth/login", new { userName = "admin", password = "Bootstrap-secret-123" }).ExpectAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TwilioWebhook_LargeSignedForm_413()
    {
        await using var h = await DispatchHarness.StartAsync(DatabaseProvider.Sqlite);
        var form = new Dictionary<string, string> { ["From"] = "+18605550106", ["Body"] = new string('4', 200 * 1024), ["MessageSid"] = "SMbig" };

        using var response = await h.App.CreateClient().SendAsync(TwilioStandIn.Signed("/api/v1/twilio/sms", form));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task SignedInRoute_BodyOverAMegabyte_413(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var body = new StringContent("{\"title\":\"" + new string('x', 2 * 1024 * 1024) + "\"}", Encoding.UTF8, "application/json");

        await server.AdminClient().PostAsync("/api/v1/incidents", body).ExpectProblemAsync(HttpStatusCode.RequestEntityTooLarge);
    }
}
