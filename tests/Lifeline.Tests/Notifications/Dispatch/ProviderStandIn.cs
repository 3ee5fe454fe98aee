using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifeline.Tests.Notifications.Dispatch;

/// <summary>
/// A real HTTP server on 127.0.0.1 standing in for Twilio and for webhook receivers. The Twilio
/// part checks every request as Twilio's REST API documents it (Basic auth with the account SID
/// and auth token, the SID in the path, the form fields, the StatusCallback URL) and answers like
/// Twilio: 201 with a JSON <c>sid</c>, 400 with error 21211 for a number marked invalid, 503 while
/// an outage is set. It signs the callbacks it sends back the way Twilio does.
/// </summary>
public sealed class ProviderStandIn : IAsyncDisposable
{
    public const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    public const string AuthToken = "twilio-test-auth-token";
    public const string FromNumber = "+18605550000";
    public const string PublicUrl = "http://lifeline.test";

    public sealed record TwilioRequest(string Resource, string Sid, string To, string? Body, string? Twiml, string? StatusCallback);
    public sealed record WebhookRequest(string Name, string Body, IReadOnlyDictionary<string, string> Headers);

    private readonly WebApplication _app;
    private int _outages;
    private int _sids;

    public ConcurrentQueue<TwilioRequest> Twilio { get; } = new();
    public ConcurrentQueue<WebhookRequest> Webhooks { get; } = new();
    public ConcurrentQueue<string> Refusals { get; } = new();
    public ConcurrentDictionary<string, bool> InvalidNumbers { get; } = new();
    public ConcurrentDictionary<string, int> WebhookStatus { get; } = new();
    public string Url { get; private set; } = "";

    private ProviderStandIn(WebApplication app) => _app = app;

    public static async Task<ProviderStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var standIn = new ProviderStandIn(app);
        app.MapPost("/2010-04-01/Accounts/{sid}/{resource}.json", standIn.CreateAsync);
        app.MapPost("/hooks/{name}", standIn.HookAsync);
        await app.StartAsync();
        standIn.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return standIn;
    }

    /// <summary>The next <paramref name="count"/> Twilio requests get 503.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref _outages, count);

    private async Task<IResult> CreateAsync(HttpContext http, string sid, string resource)
    {
        var expectedAuth = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}"));
        if (http.Request.Headers.Authorization.ToString() != expectedAuth)
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
        if (resource == "Messages" && string.IsNullOrEmpty(Field("Body")) || resource == "Calls" && string.IsNullOrEmpty(Field("Twiml")) && string.IsNullOrEmpty(Field("Url")))
        {
            return Refuse(400, 21602, "Message body is required / Twiml or Url is required");
        }
        if (Field("StatusCallback") != $"{PublicUrl}/api/v1/twilio/status")
        {
            return Refuse(400, 21609, "Invalid StatusCallback");
        }
        if (Interlocked.Decrement(ref _outages) >= 0)
        {
            return Results.Json(new { code = 20500, message = "Service unavailable", status = 503 }, statusCode: 503);
        }
        if (InvalidNumbers.ContainsKey(to))
        {
            return Results.Json(new { code = 21211, message = $"The 'To' number {to} is not a valid phone number.", status = 400 }, statusCode: 400);
        }
        var newSid = (resource == "Messages" ? "SM" : "CA") + Interlocked.Increment(ref _sids).ToString("D32", CultureInfo.InvariantCulture);
        Twilio.Enqueue(new TwilioRequest(resource, newSid, to, Field("Body"), Field("Twiml"), Field("StatusCallback")));
        return Results.Json(new { sid = newSid, status = "queued", to, from = FromNumber }, statusCode: 201);
    }

    private IResult Refuse(int status, int code, string message)
    {
        Refusals.Enqueue($"{status} {code} {message}");
        return Results.Json(new { code, message, status }, statusCode: status);
    }

    private async Task<IResult> HookAsync(HttpContext http, string name)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        Webhooks.Enqueue(new WebhookRequest(name, body, http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        return Results.StatusCode(WebhookStatus.GetValueOrDefault(name, 200));
    }

    /// <summary>A request to Lifeline signed as Twilio signs: Base64(HMAC-SHA1(token, URL + sorted name/value pairs)).</summary>
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
            // Signs as Twilio does, with HMAC-SHA1: the provider chooses the algorithm.
#pragma warning disable CA5350
            using var hmac = new HMACSHA1(Encoding.UTF8.GetBytes(token!));
#pragma warning restore CA5350
            request.Headers.Add("X-Twilio-Signature", Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(data.ToString()))));
        }
        return request;
    }

    public static HttpStatusCode Ok => HttpStatusCode.OK;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
