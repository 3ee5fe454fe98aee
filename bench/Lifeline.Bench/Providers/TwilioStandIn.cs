using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifeline.Bench.Providers;

/// <summary>
/// A Twilio-compatible REST endpoint on 127.0.0.1, inside the driver, for the benchmark and the
/// resilience runs. Like the test suite's stand-in it checks each request as Twilio documents it
/// (Basic auth with the account SID and auth token, the SID in the path, a form with From, To and
/// Body or Twiml, the StatusCallback) and answers like Twilio: 201 with a JSON <c>sid</c>. Each call
/// takes <see cref="Delay"/> before it is answered (a slow provider). It sends no status callbacks:
/// notifications stay <c>Sent</c>, which is what the measurements read.
/// </summary>
public sealed class TwilioStandIn : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "bench-twilio-auth-token";
    public const string FromNumber = "+18605550000";
    public const string PublicUrl = "http://lifeline.bench";

    /// <summary>One accepted request: when it arrived (before the delay), to whom, what.</summary>
    public sealed record Request(string Resource, string Sid, string To, string Text, DateTimeOffset ReceivedAt);

    private readonly WebApplication _app;
    private readonly string _expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
    private int _sids;
    private int _inFlight;

    public ConcurrentQueue<Request> Accepted { get; } = new();
    public ConcurrentQueue<string> Refusals { get; } = new();
    public string Url { get; private set; } = "";
    /// <summary>How long each call takes before the answer; changeable between phases of a run.</summary>
    public TimeSpan Delay { get; set; }
    /// <summary>The most requests seen in flight at once (the sender's real concurrency).</summary>
    public int MaxInFlight { get; private set; }

    private TwilioStandIn(WebApplication app) => _app = app;

    public void ResetMaxInFlight()
    {
        lock (Refusals)
        {
            MaxInFlight = 0;
        }
    }

    public static async Task<TwilioStandIn> StartAsync(TimeSpan delay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxConcurrentConnections = 4096);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new TwilioStandIn(app) { Delay = delay };
        app.MapPost("/2010-04-01/Accounts/{sid}/{resource}.json", standIn.CreateAsync);
        await app.StartAsync();
        standIn.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return standIn;
    }

    /// <summary>What makes Lifeline send SMS and calls here.</summary>
    public IEnumerable<string> ServerArgs() =>
    [
        $"--Lifeline:Twilio:AccountSid={AccountSid}",
        $"--Lifeline:Twilio:AuthToken={AuthToken}",
        $"--Lifeline:Twilio:FromNumber={FromNumber}",
        $"--Lifeline:Twilio:BaseUrl={Url}",
        $"--Lifeline:PublicUrl={PublicUrl}",
    ];

    private async Task<IResult> CreateAsync(HttpContext http, string sid, string resource)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var now = Interlocked.Increment(ref _inFlight);
        try
        {
            lock (Refusals)
            {
                MaxInFlight = Math.Max(MaxInFlight, now);
            }
            if (http.Request.Headers.Authorization.ToString() != _expectedAuth)
            {
                return Refuse(401, 20003, "Authenticate");
            }
            if (sid != AccountSid || resource is not ("Messages" or "Calls"))
            {
                return Refuse(404, 20404, "The requested resource was not found");
            }
            if (!http.Request.HasFormContentType)
            {
                return Refuse(400, 21600, "not a form");
            }
            var form = await http.Request.ReadFormAsync();
            string? Field(string name) => form.TryGetValue(name, out var v) ? v.ToString() : null;
            if (Field("From") != FromNumber || Field("To") is not { Length: > 0 } to)
            {
                return Refuse(400, 21212, "The 'From' number is not a valid phone number");
            }
            var text = resource == "Messages" ? Field("Body") : Field("Twiml") ?? Field("Url");
            if (string.IsNullOrEmpty(text))
            {
                return Refuse(400, 21602, "Message body is required / Twiml or Url is required");
            }
            if (Field("StatusCallback") != $"{PublicUrl}/api/v1/twilio/status")
            {
                return Refuse(400, 21609, "Invalid StatusCallback");
            }
            if (Delay > TimeSpan.Zero)
            {
                await Task.Delay(Delay);
            }
            var newSid = (resource == "Messages" ? "SM" : "CA") + Interlocked.Increment(ref _sids).ToString("D32", CultureInfo.InvariantCulture);
            Accepted.Enqueue(new Request(resource, newSid, to, text, receivedAt));
            return Results.Json(new { sid = newSid, status = "queued", to, from = FromNumber }, statusCode: 201);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    private IResult Refuse(int status, int code, string message)
    {
        Refusals.Enqueue($"{status} {code} {message}");
        return Results.Json(new { code, message, status }, statusCode: status);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
