using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Lifeline.Access;
using Lifeline.Engine;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Notifications.Dispatch;
using Lifeline.StandIns;
using Lifeline.Storage;
using Lifeline.Tests.Escalation;
using Lifeline.Tests.Infrastructure;
using Lifeline.Tests.Notifications.Webhooks;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Notifications.Dispatch;

/// <summary>
/// The server on the demo organisation with a fake clock, the engine and dispatcher loops off, a
/// test renderer, Twilio pointed at the <see cref="TwilioStandIn"/>, a <see cref="WebhookReceiver"/> for
/// webhook contact methods (plain http and loopback allowed for it), and quick retries without delay (the backoff between passes is what the
/// fake clock measures).
/// </summary>
public sealed class DispatchHarness : IAsyncDisposable
{
    public const string SigningSecret = "webhook-signing-secret";

    public LifelineServer Server { get; }
    public WebApplicationFactory<Program> App { get; }
    public TwilioStandIn Twilio { get; }
    public WebhookReceiver Webhooks { get; }
    public FakeTimeProvider Time { get; }
    public HttpClient Admin { get; }

    private DispatchHarness(LifelineServer server, WebApplicationFactory<Program> app, TwilioStandIn twilio, WebhookReceiver webhooks, FakeTimeProvider time)
    {
        Server = server;
        App = app;
        Twilio = twilio;
        Webhooks = webhooks;
        Time = time;
        Admin = Client(LifelineServer.AdminToken);
    }

    public static async Task<DispatchHarness> StartAsync(DatabaseProvider provider, Action<IServiceCollection>? services = null,
        IReadOnlyDictionary<string, string?>? settings = null, DateTimeOffset? start = null, LogCollector? logs = null)
    {
        var twilio = await TwilioStandIn.StartAsync();
        var webhooks = await WebhookReceiver.StartAsync();
        var time = new FakeTimeProvider(start ?? EngineHarness.DayShift);
        var all = new Dictionary<string, string?>
        {
            ["Lifeline:Engine:RunInBackground"] = "false",
            ["Lifeline:Dispatch:RunInBackground"] = "false",
            ["Lifeline:Dispatch:QuickRetryDelay"] = "00:00:00",
            ["Lifeline:Webhooks:SigningSecret"] = SigningSecret,
            // The receiver listens on http://127.0.0.1; production refuses both (see WebhookOptions).
            ["Lifeline:Webhooks:AllowPlainHttp"] = "true",
            ["Lifeline:Webhooks:AllowLoopback"] = "true",
        };
        foreach (var (key, value) in twilio.Settings().Concat(settings ?? new Dictionary<string, string?>()))
        {
            all[key] = value;
        }
        var server = await LifelineServer.StartAsync(provider, time, all, logs: logs);
        var app = server.WithWebHostBuilder(b => b.ConfigureServices(s => services?.Invoke(s)));
        _ = app.Server;
        return new DispatchHarness(server, app, twilio, webhooks, time);
    }

    public HttpClient Client(string token)
    {
        var client = App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task<HttpClient> ClientAsAsync(string role)
    {
        using var scope = App.Services.CreateScope();
        var accounts = scope.ServiceProvider.GetRequiredService<AccountService>();
        var outcome = await accounts.CreateAsync($"user-{Guid.NewGuid():N}"[..20], "Test-password-123", [role], null, CancellationToken.None);
        var (_, secret) = await accounts.IssueTokenAsync(outcome.Value!, "test", null, CancellationToken.None);
        return Client(secret);
    }

    public Task<int> RunEngineAsync() => App.Services.GetRequiredService<EnginePass>().RunOnceAsync();

    public Task<int> DispatchAsync() => App.Services.GetRequiredService<DispatchPass>().RunOnceAsync();

    public async Task<Guid> IdOfAsync(string url, string name)
    {
        var page = await Admin.GetAsync($"{url}?q={Uri.EscapeDataString(name)}").ExpectAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().First(i => i.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    public async Task<string> OpenAsync(string title = "E-mail is down for everyone", string service = "E-mail")
    {
        var serviceId = await IdOfAsync("/api/v1/services", service);
        var incident = await Admin.PostJson("/api/v1/incidents", new { title, serviceId, severity = 1, reporterName = "Pat Doe" }).ExpectAsync(HttpStatusCode.Created);
        await RunEngineAsync();
        return incident.GetProperty("number").GetString()!;
    }

    public async Task<T> InDbAsync<T>(Func<LifelineDbContext, Task<T>> work)
    {
        using var scope = App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var result = await work(db);
        await db.SaveChangesAsync();
        return result;
    }

    public Task<List<Notification>> NotificationsAsync(string number) =>
        InDbAsync(db => db.Notifications.AsNoTracking().Where(n => db.Incidents.Any(i => i.Id == n.IncidentId && i.Number == number))
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync());

    public Task<List<NotificationStatusChange>> HistoryAsync(Guid notificationId) =>
        InDbAsync(db => db.NotificationHistory.AsNoTracking().Where(h => h.NotificationId == notificationId).OrderBy(h => h.At).ThenBy(h => h.Id).ToListAsync());

    public Task<List<TimelineEntry>> TimelineAsync(string number) =>
        InDbAsync(async db =>
        {
            var id = await db.Incidents.Where(i => i.Number == number).Select(i => i.Id).SingleAsync();
            return await db.TimelineEntries.AsNoTracking().Where(e => e.IncidentId == id).OrderBy(e => e.OccurredAt).ThenBy(e => e.RecordedAt).ToListAsync();
        });

    public async Task<JsonElement> IncidentAsync(string number) => await Admin.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);

    /// <summary>Posts a request signed as Twilio would to the server.</summary>
    public Task<HttpResponseMessage> TwilioPostAsync(string pathAndQuery, Dictionary<string, string> form) =>
        App.CreateClient().SendAsync(TwilioStandIn.Signed(pathAndQuery, form));

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Server.DisposeAsync();
        await Webhooks.DisposeAsync();
        await Twilio.DisposeAsync();
    }
}
