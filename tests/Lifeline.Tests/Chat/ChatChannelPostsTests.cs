using System.Net;
using System.Text.Json;
using Lifeline.Notifications.Webhooks;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Lifeline.Tests.Notifications.Dispatch;
using Lifeline.Tests.Notifications.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Chat;

/// <summary>
/// Chat channels on the Severity 1 path, GoAlert's smoke-test shape: the demo organisation, a fake clock, a Severity 1
/// incident, and the posts as the chat tools receive them. The channels keep their real Slack and Teams URLs (so the
/// platform is told from the host, as in production); only the network is replaced: <see cref="StandInRoute"/> delivers
/// every chat webhook's request to the local <see cref="WebhookReceiver"/>.
/// </summary>
public sealed class ChatChannelPostsTests
{
    private const string TeamsUrl = "https://example.webhook.office.com/webhookb2/00000000-0000-0000-0000-000000000000@00000000-0000-0000-0000-000000000000/IncomingWebhook/abc/def";

    [Theory, DatabaseData]
    public async Task SeverityOne_TierNamesATeamsChannelAndARuleASlackChannel_CardsCarryTheIncidentLink(DatabaseProvider provider)
    {
        string? receiver = null;
        await using var h = await DispatchHarness.StartAsync(provider, services: s =>
            s.AddHttpClient<ChatWebhookSender>().ConfigurePrimaryHttpMessageHandler(() => new StandInRoute(() => receiver!)));
        receiver = h.Webhooks.Url;

        var major = (await h.Admin.PostJson("/api/v1/chat-channels", new { name = "Major incidents", url = TeamsUrl }).ExpectAsync(HttpStatusCode.Created)).Id();
        var stakeholders = (await h.Admin.PostJson("/api/v1/chat-channels", new { name = "IT stakeholders", url = "https://hooks.slack.com/services/T000/B000/STAKEHOLDERS" })
            .ExpectAsync(HttpStatusCode.Created)).Id();
        var team = (await h.Admin.GetAsync("/api/v1/teams").ExpectAsync(HttpStatusCode.OK)).Items()[0];
        await h.Admin.PostJson("/api/v1/chat-channels", new { name = "Team room", url = "https://hooks.slack.com/services/T000/B000/TEAMROOM", teamId = team.Id() })
            .ExpectAsync(HttpStatusCode.Created);

        // Tier 1 of the policy the E-mail service escalates by also names the Teams channel.
        var policies = (await h.Admin.GetAsync("/api/v1/escalation-policies?pageSize=100").ExpectAsync(HttpStatusCode.OK)).Items();
        var policy = policies.FirstOrDefault(p => p.GetProperty("usedByServices").EnumerateArray().Any(s => s.GetString() == "E-mail"))
            is { ValueKind: JsonValueKind.Object } used ? used : policies.Single(p => p.GetProperty("isDefault").GetBoolean());
        var tiers = policy.GetProperty("tiers").EnumerateArray().Select((t, i) => new
        {
            targets = t.GetProperty("targets").EnumerateArray().Select(x => new { kind = x.GetProperty("kind").GetString(), id = Id(x) })
                .Concat(i == 0 ? [new { kind = (string?)"ChatChannel", id = (Guid?)major }] : []).ToList(),
            channels = t.GetProperty("channels").EnumerateArray().Select(c => c.GetString()).ToList(),
            wait = t.GetProperty("wait").GetString(),
        }).ToList();
        await h.Admin.PutJson($"/api/v1/escalation-policies/{policy.Id()}", new
        {
            name = policy.GetProperty("name").GetString(),
            description = policy.GetProperty("description").GetString(),
            repeatCount = policy.GetProperty("repeatCount").GetInt32(),
            tiers,
        }).ExpectAsync(HttpStatusCode.OK);

        // A plan for Severity 1: the stakeholders' channel when escalation starts, and the team over chat (its own channel).
        await h.Admin.PostJson("/api/v1/communication-plans", new
        {
            name = "Chat rooms",
            severities = new[] { 1 },
            isEnabled = true,
            rules = new object[]
            {
                new { @event = "EscalationStarted", recipients = new object[] { new { kind = "ChatChannel", id = stakeholders } }, channel = "Chat" },
                new { @event = "EscalationStarted", recipients = new object[] { new { kind = "Team", id = team.Id() } }, channel = "Chat" },
            },
        }).ExpectAsync(HttpStatusCode.Created);

        var number = await h.OpenAsync();
        await h.DispatchAsync();
        // A minute later the engine and the dispatcher run again: nothing is posted twice.
        h.Time.Advance(TimeSpan.FromMinutes(1));
        await h.RunEngineAsync();
        await h.DispatchAsync();

        var link = $"/incidents/{number}";
        var teams = Assert.Single(h.Webhooks.Received, r => r.Name == "teams");
        var card = JsonDocument.Parse(teams.Body).RootElement;
        Assert.Equal("message", card.GetProperty("type").GetString());
        var attachment = card.GetProperty("attachments")[0];
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.GetProperty("contentType").GetString());
        var content = attachment.GetProperty("content");
        Assert.Equal("AdaptiveCard", content.GetProperty("type").GetString());
        Assert.Contains(number, content.GetProperty("body")[0].GetProperty("text").GetString());
        Assert.EndsWith(link, content.GetProperty("actions")[0].GetProperty("url").GetString());
        Assert.Contains(link, content.GetProperty("body")[1].GetProperty("text").GetString());

        foreach (var room in new[] { "slack-STAKEHOLDERS", "slack-TEAMROOM" })
        {
            var slack = JsonDocument.Parse(Assert.Single(h.Webhooks.Received, r => r.Name == room).Body).RootElement;
            var blocks = slack.GetProperty("blocks").EnumerateArray().ToList();
            Assert.Equal("header", blocks[0].GetProperty("type").GetString());
            var button = blocks.Single(b => b.GetProperty("type").GetString() == "actions").GetProperty("elements")[0];
            Assert.EndsWith(link, button.GetProperty("url").GetString());
            Assert.Contains(number, slack.GetProperty("text").GetString());
        }

        var timeline = await h.TimelineAsync(number);
        Assert.Contains(timeline, e => e.Text.Contains("posted to the #major-incidents chat channel", StringComparison.Ordinal));
        Assert.DoesNotContain(timeline, e => e.Text.Contains("paged posted", StringComparison.Ordinal));
        Assert.Contains(timeline, e => e.Text.Contains("the #it-stakeholders chat channel", StringComparison.Ordinal) && e.Text.Contains("Chat rooms", StringComparison.Ordinal));
        Assert.Contains(timeline, e => e.Text.Contains("the #team-room chat channel", StringComparison.Ordinal));
    }

    [Theory, DatabaseData]
    public async Task Test_QueuesThroughTheOutboxAndPostsToTheChannel(DatabaseProvider provider)
    {
        string? receiver = null;
        await using var h = await DispatchHarness.StartAsync(provider, services: s =>
            s.AddHttpClient<ChatWebhookSender>().ConfigurePrimaryHttpMessageHandler(() => new StandInRoute(() => receiver!)));
        receiver = h.Webhooks.Url;
        var id = (await h.Admin.PostJson("/api/v1/chat-channels", new { name = "Major incidents", url = TeamsUrl }).ExpectAsync(HttpStatusCode.Created)).Id();

        var queued = await h.Admin.PostAsync($"/api/v1/chat-channels/{id}/test", null).ExpectAsync(HttpStatusCode.Accepted);
        Assert.Equal("Pending", queued.GetProperty("status").GetString());
        Assert.Empty(h.Webhooks.Received);
        await h.DispatchAsync();

        var card = JsonDocument.Parse(Assert.Single(h.Webhooks.Received).Body).RootElement;
        Assert.Equal("Lifeline test message", card.GetProperty("attachments")[0].GetProperty("content").GetProperty("body")[0].GetProperty("text").GetString());
    }

    private static Guid? Id(JsonElement target) => target.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String ? id.GetGuid() : null;

    /// <summary>
    /// Stands in for the network: a request to a Teams webhook goes to the receiver's /hooks/teams, one to Slack to
    /// /hooks/slack-{last path segment}, with the body and headers as sent.
    /// </summary>
    private sealed class StandInRoute(Func<string> receiver) : DelegatingHandler(new HttpClientHandler())
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri!;
            var name = ChatWebhookSender.IsTeams(uri.AbsoluteUri) ? "teams" : "slack-" + uri.Segments[^1].Trim('/');
            request.RequestUri = new Uri($"{receiver().TrimEnd('/')}/hooks/{name}");
            return base.SendAsync(request, cancellationToken);
        }
    }
}
