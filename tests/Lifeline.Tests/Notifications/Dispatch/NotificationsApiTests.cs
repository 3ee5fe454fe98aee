using System.Net;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Notifications.Dispatch;

public sealed class NotificationsApiTests
{
    private const string HenryCell = "+18605550106";

    [Theory, DatabaseData]
    public async Task IncidentNotifications_ViewerAndAdmin_MaskedForViewerInClearForAdmin(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider);
        var number = await h.OpenAsync();
        await h.DispatchAsync();
        var viewer = await h.ClientAsAsync(LifelineRoles.Viewer);

        var masked = await viewer.GetAsync($"/api/v1/incidents/{number}/notifications").ExpectAsync(HttpStatusCode.OK);
        var clear = await h.Admin.GetAsync($"/api/v1/incidents/{number}/notifications").ExpectAsync(HttpStatusCode.OK);
        var list = await viewer.GetAsync("/api/v1/notifications?channel=Sms&status=Sent&pageSize=10").ExpectAsync(HttpStatusCode.OK);

        var sms = (System.Text.Json.JsonElement e) => e.GetProperty("items").EnumerateArray().Single(n => n.GetProperty("channel").GetString() == "Sms");
        Assert.Equal(HenryCell, sms(clear).GetProperty("destination").GetString());
        Assert.DoesNotContain("5550106", sms(masked).GetProperty("destination").GetString());
        Assert.Equal(["Pending", "Sending", "Sent"], sms(clear).GetProperty("history").EnumerateArray().Select(e => e.GetProperty("status").GetString()));
        Assert.All(list.GetProperty("items").EnumerateArray(), n => Assert.DoesNotContain("5550106", n.GetProperty("destination").GetString()));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), n => n.GetProperty("incidentNumber").GetString() == number);
    }

    [Theory, DatabaseData]
    public async Task ContactMethodTest_DeliveredSms_MarksMethodVerified(DatabaseProvider provider)
    {
        await using var h = await DispatchHarness.StartAsync(provider);
        var personId = await h.IdOfAsync("/api/v1/people", "Henry Castillo");
        var methods = await h.Admin.GetAsync($"/api/v1/people/{personId}/contact-methods").ExpectAsync(HttpStatusCode.OK);
        var cellId = methods.EnumerateArray().Single(m => m.GetProperty("kind").GetString() == "CellPhone").GetProperty("id").GetGuid();
        var viewer = await h.ClientAsAsync(LifelineRoles.Viewer);

        await viewer.PostAsync($"/api/v1/people/{personId}/contact-methods/{cellId}/test", null).ExpectAsync(HttpStatusCode.Forbidden);
        var queued = await h.Admin.PostAsync($"/api/v1/people/{personId}/contact-methods/{cellId}/test", null).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal(("Sms", "test-message"), (queued.GetProperty("channel").GetString(), queued.GetProperty("template").GetString()));
        await h.DispatchAsync();
        var sms = Assert.Single(h.Twilio.Accepted);
        Assert.Equal(HenryCell, sms.To);
        using var callback = await h.TwilioPostAsync("/api/v1/twilio/status", new() { ["MessageSid"] = sms.Sid, ["MessageStatus"] = "delivered" });

        var after = await h.Admin.GetAsync($"/api/v1/people/{personId}/contact-methods").ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.String, after.EnumerateArray().Single(m => m.GetProperty("id").GetGuid() == cellId).GetProperty("verifiedAt").ValueKind);
    }
}
