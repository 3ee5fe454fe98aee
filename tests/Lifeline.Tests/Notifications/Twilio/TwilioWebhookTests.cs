using System.Net;
using Lifeline.StandIns;
using Lifeline.Storage;
using Lifeline.Tests.Notifications.Dispatch;

namespace Lifeline.Tests.Notifications.Twilio;

public sealed class TwilioWebhookTests
{
    [Theory]
    [InlineData("valid", HttpStatusCode.OK)]
    [InlineData("wrong token", HttpStatusCode.Forbidden)]
    [InlineData("tampered", HttpStatusCode.Forbidden)]
    [InlineData("missing", HttpStatusCode.Forbidden)]
    public async Task StatusCallback_Signature_OnlyValidIsAccepted(string signature, HttpStatusCode expected)
    {
        await using var h = await DispatchHarness.StartAsync(DatabaseProvider.Sqlite);
        var form = new Dictionary<string, string> { ["MessageSid"] = "SM0000", ["MessageStatus"] = "delivered" };
        using var request = TwilioStandIn.Signed("/api/v1/twilio/status", form, signature == "wrong token" ? "another-token" : TwilioStandIn.AuthToken, signature != "missing");
        if (signature == "tampered")
        {
            request.Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["MessageSid"] = "SM0000", ["MessageStatus"] = "failed" });
        }

        using var response = await h.App.CreateClient().SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }
}
