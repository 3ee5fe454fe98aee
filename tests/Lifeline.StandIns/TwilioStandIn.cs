using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifeline.StandIns;

/// <summary>
/// A real HTTP server on 127.0.0.1 standing in for Twilio's REST API, for the test suite and for the
/// benchmark and resilience runs. It checks every request as Twilio documents it (Basic auth with
/// the account SID and auth token, the SID in the path <c>/2010-04-01/Accounts/{Sid}/Messages.json</c>
/// or <c>Calls.json</c>, a form with From and To and Body for a message or Twiml (or Url) for a
/// call, the StatusCallback URL) and answers like Twilio: 201 with a JSON <c>sid</c>, 400 with error
/// 21211 for a number marked invalid, 503 while an outage is set. Each answer can be held back by
/// <see cref="Delay"/> (a slow provider). It sends no status callbacks by itself; <see cref="Signed"/>
/// makes one the way Twilio signs it.
/// </summary>
public sealed class TwilioStandIn : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "twilio-stand-in-auth-token";
    public const string FromNumber = "+18605550000";
    /// <summary>Lifeline's public URL as configured against the stand-in: the StatusCallback must be under it, and callbacks are signed for it.</summary>
    public const string PublicUrl = "http://lifeline.test";

    /// <summary>One accepted request: which resource, the sid given back, the form as sent, and when it arrived (before any delay).</summary>
    public sealed record Request(string Resource, string Sid, string To, string? Body, string? Twiml, string? StatusCallback, DateTimeOffset ReceivedAt);

    private readonly WebApplication _app;
    private readonly string _expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
    private readonly Lock _gate = new();
    private int _outages;
    private int _sids;
    private int _inFlight;

    public ConcurrentQueue<Request> Accepted { get; } = new();
    /// <summary>Requests refused because they are not as Twilio documents them: a bug in Lifeline's client, never expected.</summary>
    public ConcurrentQueue<string> Refusals { get; } = new();
    /// <summary>Numbers Twilio answers as not valid (a permanent failure).</summary>
    public ConcurrentDictionary<string, bool> InvalidNumbers { get; } = new();
    public string Url { get; private set; } = "";
    /// <summary>How long each call takes before the answer; changeable between phases of a run.</summary>
    public TimeSpan Delay { get; set; }
    /// <summary>The most requests seen in flight at once (the sender's real concurrency).</summary>
    public int MaxInFlight { get; private set; }

    private TwilioStandIn(WebApplication app) => _app = app;

    public static async Task<TwilioStandIn> StartAsync(TimeSpan delay = default)
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

    /// <summary>Lifeline's settings that make it send SMS and calls here, as configuration key and value.</summary>
    public IReadOnlyDictionary<string, string?> Settings() => new Dictionary<string, string?>
    {
        ["Lifeline:Twilio:AccountSid"] = AccountSid,
        ["Lifeline:Twilio:AuthToken"] = AuthToken,
        ["Lifeline:Twilio:FromNumber"] = FromNumber,
        ["Lifeline:Twilio:BaseUrl"] = Url,
        ["Lifeline:PublicUrl"] = PublicUrl,
    };

    /// <summary>The same settings as command-line arguments of the server.</summary>
    public IEnumerable<string> ServerArgs() => Settings().Select(s => $"--{s.Key}={s.Value}");

    /// <summary>The next <paramref name="count"/> requests get 503.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _outages, count);

    public void ResetMaxInFlight()
    {
        lock (_gate)
        {
            MaxInFlight = 0;
        }
    }

    private async Task<IResult> CreateAsync(HttpContext http, string sid, string resource)
    {
        var receivedAt = DateTimeOffset.UtcNow;
        var inFlight = Interlocked.Increment(ref _inFlight);
        try
        {
            lock (_gate)
            {
                MaxInFlight = Math.Max(MaxInFlight, inFlight);
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
            if (Field("To") is not { Length: > 0 } to)
            {
                return Refuse(400, 21604, "A 'To' phone number is required");
            }
            if (Field("From") != FromNumber)
            {
                return Refuse(400, 21212, "The 'From' number is not a valid phone number");
            }
            if (resource == "Messages" && string.IsNullOrEmpty(Field("Body"))
                || resource == "Calls" && string.IsNullOrEmpty(Field("Twiml")) && string.IsNullOrEmpty(Field("Url")))
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
            if (Interlocked.Decrement(ref _outages) >= 0)
            {
                return Results.Json(new { code = 20500, message = "Service unavailable", status = 503 }, statusCode: 503);
            }
            if (InvalidNumbers.ContainsKey(to))
            {
                return Results.Json(new { code = 21211, message = $"The 'To' number {to} is not a valid phone number.", status = 400 }, statusCode: 400);
            }
            var newSid = (resource == "Messages" ? "SM" : "CA") + Interlocked.Increment(ref _sids).ToString("D32", System.Globalization.CultureInfo.InvariantCulture);
            Accepted.Enqueue(new Request(resource, newSid, to, Field("Body"), Field("Twiml"), Field("StatusCallback"), receivedAt));
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

    /// <summary>
    /// A callback to Lifeline (relative to its <see cref="PublicUrl"/>) signed as Twilio signs one:
    /// Base64(HMAC-SHA1(auth token, URL + the form's names and values sorted by name)).
    /// </summary>
    public static HttpRequestMessage Signed(string pathAndQuery, IReadOnlyDictionary<string, string> form, string? token = AuthToken, bool sign = true)
    {
        var data = new StringBuilder(PublicUrl + pathAndQuery);
        foreach (var name in form.Keys.OrderBy(k => k, StringComparer.Ordinal))
        {
            data.Append(name).Append(form[name]);
        }
        var request = new HttpRequestMessage(HttpMethod.Post, pathAndQuery) { Content = new FormUrlEncodedContent(form) };
        if (sign)
        {
            // Twilio signs its webhooks with HMAC-SHA1; the stand-in signs as Twilio does.
#pragma warning disable CA5350
            using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(token!));
#pragma warning restore CA5350
            request.Headers.Add("X-Twilio-Signature", Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data.ToString()))));
        }
        return request;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
