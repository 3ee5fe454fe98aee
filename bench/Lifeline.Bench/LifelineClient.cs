using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lifeline.Bench;

/// <summary>A service whose escalation policy pages one on-call person on one channel, tier after tier.</summary>
public sealed record EscalationFixture(Guid ServiceId, Guid PersonId, Guid PolicyId, int Tiers, int RepeatCount, TimeSpan Wait, string Channel);

/// <summary>The outcome of one POST /api/v1/incidents, timed on the client.</summary>
public sealed record OpenResult(HttpStatusCode? Status, Guid? Id, string? Number, DateTimeOffset SentAt, double LatencyMs);

/// <summary>Lifeline's API as the benchmark and the resilience tests use it, with the bootstrap admin token.</summary>
public sealed class LifelineClient : IDisposable
{
    public const string Token = "llt_bench_0123456789abcdef0123456789abcdef";

    public HttpClient Http { get; }

    public LifelineClient(string url, TimeSpan? timeout = null)
    {
        var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionLifetime = TimeSpan.FromMinutes(5) };
        Http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
    }

    /// <summary>The arguments that make a fresh server accept <see cref="Token"/> as the admin's.</summary>
    public static IEnumerable<string> ServerArgs() =>
    [
        $"--Lifeline:Bootstrap:AdminApiToken={Token}",
        "--Lifeline:SeedDemoData=false",
    ];

    /// <summary>
    /// A service paging one person; with <paramref name="throughSchedule"/>, every tier names a schedule whose only
    /// participant is that person (so each page asks who is on call), as the demo's roles held through schedules do.
    /// </summary>
    public async Task<EscalationFixture> CreateFixtureAsync(string name, TimeSpan wait, int tiers, int repeatCount, bool throughSchedule = false)
    {
        var person = await PostAsync("/api/v1/people", new
        {
            name = $"On-call {name}",
            contactMethods = new[] { new { kind = "CellPhone", value = "+18605550142", canSms = true, canVoice = true } },
        });
        var personId = person.GetProperty("id").GetGuid();
        var (kind, targetId) = ("Person", personId);
        if (throughSchedule)
        {
            var schedule = await PostAsync("/api/v1/schedules", new
            {
                name = $"Schedule {name}", timeZone = "America/New_York",
                layers = new[] { new { name = "Weekly", participants = new[] { personId }, shiftCount = 1, shiftUnit = "Weeks",
                    startDate = DateTime.UtcNow.AddDays(-56).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), handOffTime = "08:00:00" } },
            });
            (kind, targetId) = ("Schedule", schedule.GetProperty("id").GetGuid());
        }
        var tier = new { targets = new[] { new { kind, id = targetId } }, channels = new[] { "Sms" }, wait = wait.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) };
        var policy = await PostAsync("/api/v1/escalation-policies", new { name = $"Policy {name}", repeatCount, tiers = Enumerable.Repeat(tier, tiers).ToArray() });
        var policyId = policy.GetProperty("id").GetGuid();
        var area = await PostAsync("/api/v1/service-areas", new { name = $"Area {name}", managerId = personId });
        var service = await PostAsync("/api/v1/services", new
        {
            name = $"Service {name}",
            serviceAreaId = area.GetProperty("id").GetGuid(),
            isMajorEnterpriseService = true,
            escalationPolicyId = policyId,
        });
        return new EscalationFixture(service.GetProperty("id").GetGuid(), personId, policyId, tiers, repeatCount, wait, "Sms");
    }

    public async Task<JsonElement> PostAsync(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path} answered {(int)response.StatusCode}: {text}");
        }
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Opens an incident; never throws for a failed request (a killed server is part of the tests).</summary>
    public async Task<OpenResult> OpenIncidentAsync(Guid serviceId, int severity, string title, CancellationToken ct = default)
    {
        var sentAt = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await Http.PostAsJsonAsync("/api/v1/incidents", new { title, serviceId, severity }, ct);
            var latency = watch.Elapsed.TotalMilliseconds;
            if (response.StatusCode != HttpStatusCode.Created)
            {
                return new OpenResult(response.StatusCode, null, null, sentAt, latency);
            }
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            using var json = await JsonDocument.ParseAsync(stream, cancellationToken: ct);
            return new OpenResult(response.StatusCode, json.RootElement.GetProperty("id").GetGuid(), json.RootElement.GetProperty("number").GetString(), sentAt, latency);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
        {
            return new OpenResult(null, null, null, sentAt, watch.Elapsed.TotalMilliseconds);
        }
    }

    public void Dispose() => Http.Dispose();
}
