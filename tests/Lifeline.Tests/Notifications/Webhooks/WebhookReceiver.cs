using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Lifeline.Tests.Notifications.Webhooks;

/// <summary>
/// A real HTTP server on 127.0.0.1 receiving webhooks at <c>{Url}/hooks/{name}</c>: it records each
/// request and answers with the status set for its name (200 unless told otherwise), and the
/// <c>Location</c> set for its name, if any (for a redirect).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Delivery(string Name, string Body, IReadOnlyDictionary<string, string> Headers);

    private readonly WebApplication _app;

    public ConcurrentQueue<Delivery> Received { get; } = new();
    /// <summary>The status a hook answers with, by name.</summary>
    public ConcurrentDictionary<string, int> Status { get; } = new();
    /// <summary>The <c>Location</c> a hook answers with, by name.</summary>
    public ConcurrentDictionary<string, string> Location { get; } = new();
    public string Url { get; private set; } = "";

    private WebhookReceiver(WebApplication app) => _app = app;

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks/{name}", receiver.HookAsync);
        await app.StartAsync();
        receiver.Url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return receiver;
    }

    private async Task<IResult> HookAsync(HttpContext http, string name)
    {
        var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
        Received.Enqueue(new Delivery(name, body, http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase)));
        if (Location.TryGetValue(name, out var location))
        {
            http.Response.Headers.Location = location;
        }
        return Results.StatusCode(Status.GetValueOrDefault(name, 200));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
