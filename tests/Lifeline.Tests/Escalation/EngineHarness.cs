using System.Net;
using System.Text.Json;
using Lifeline.Engine;
using Lifeline.Incidents;
using Lifeline.Notifications;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Escalation;

/// <summary>
/// GoAlert's test shape: a server on the demo organisation with a fake clock and the engine loop
/// off; the test opens incidents, moves the clock and runs engine passes itself, then reads the outbox.
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    /// <summary>Tuesday 24 November 2026, 10:00 in New York: the day shift.</summary>
    public static readonly DateTimeOffset DayShift = new(2026, 11, 24, 15, 0, 0, TimeSpan.Zero);
    /// <summary>Tuesday 24 November 2026, 20:00 in New York: off shift.</summary>
    public static readonly DateTimeOffset OffShift = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);
    /// <summary>Thanksgiving, 10:00 in New York: a holiday, so off shift.</summary>
    public static readonly DateTimeOffset Holiday = new(2026, 11, 26, 15, 0, 0, TimeSpan.Zero);

    public LifelineServer Server { get; }
    public FakeTimeProvider Time { get; }
    public HttpClient Admin { get; }

    private EngineHarness(LifelineServer server, FakeTimeProvider time)
    {
        Server = server;
        Time = time;
        Admin = server.AdminClient();
    }

    public static async Task<EngineHarness> StartAsync(DatabaseProvider provider, DateTimeOffset now)
    {
        var time = new FakeTimeProvider(now);
        var server = await LifelineServer.StartAsync(provider, time, new Dictionary<string, string?>
        {
            ["Lifeline:Engine:RunInBackground"] = "false",
            // The outbox is what these tests read: nothing is sent from it behind their back.
            ["Lifeline:Dispatch:RunInBackground"] = "false",
        });
        return new EngineHarness(server, time);
    }

    public async Task<int> RunEngineAsync() => await Server.Services.GetRequiredService<EnginePass>().RunOnceAsync();

    /// <summary>Moves the clock in steps of at most a minute, running the engine after each, as the loop would.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        var end = Time.GetUtcNow() + by;
        while (Time.GetUtcNow() < end)
        {
            var step = end - Time.GetUtcNow();
            Time.Advance(step > TimeSpan.FromMinutes(1) ? TimeSpan.FromMinutes(1) : step);
            await RunEngineAsync();
        }
    }

    public async Task<Guid> IdOfAsync(string url, string name)
    {
        var page = await Admin.GetAsync($"{url}?q={Uri.EscapeDataString(name)}").ExpectAsync(HttpStatusCode.OK);
        return page.GetProperty("items").EnumerateArray().First(i => i.GetProperty("name").GetString() == name).GetProperty("id").GetGuid();
    }

    public async Task<string> OpenAsync(string service = "E-mail", int severity = 1, string title = "E-mail is down for everyone")
    {
        var serviceId = await IdOfAsync("/api/v1/services", service);
        var incident = await Admin.PostJson("/api/v1/incidents", new { title, serviceId, severity, reporterName = "Pat Doe" }).ExpectAsync(HttpStatusCode.Created);
        await RunEngineAsync();
        return incident.GetProperty("number").GetString()!;
    }

    public async Task<JsonElement> EscalationAsync(string number) =>
        await Admin.GetAsync($"/api/v1/incidents/{number}/escalation").ExpectAsync(HttpStatusCode.OK);

    public async Task<List<(string Person, NotificationChannel Channel, string Template, NotificationStatus Status)>> NotificationsAsync(string number)
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        return await (from n in db.Notifications
                      join i in db.Incidents on n.IncidentId equals i.Id
                      join p in db.People on n.PersonId equals (Guid?)p.Id into people
                      from p in people.DefaultIfEmpty()
                      where i.Number == number
                      orderby n.CreatedAt, n.Id
                      select new ValueTuple<string, NotificationChannel, string, NotificationStatus>(p == null ? "(team mailbox)" : p.Name, n.Channel, n.Template, n.Status))
            .ToListAsync();
    }

    public async Task<List<TimelineEntry>> TimelineAsync(string number)
    {
        using var scope = Server.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        var id = await db.Incidents.Where(i => i.Number == number).Select(i => i.Id).SingleAsync();
        return await db.TimelineEntries.Where(e => e.IncidentId == id).OrderBy(e => e.OccurredAt).ThenBy(e => e.RecordedAt).ThenBy(e => e.Id).ToListAsync();
    }

    public async Task AcknowledgeAsync(string number, string person = "Henry Castillo") =>
        await Admin.PostJson($"/api/v1/incidents/{number}/acknowledge", new { personId = await IdOfAsync("/api/v1/people", person), channel = "phone" })
            .ExpectAsync(HttpStatusCode.OK);

    public async ValueTask DisposeAsync() => await Server.DisposeAsync();
}
