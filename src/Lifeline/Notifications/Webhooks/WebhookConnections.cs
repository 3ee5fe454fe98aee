using System.Net;
using System.Net.Sockets;

namespace Lifeline.Notifications.Webhooks;

/// <summary>
/// The HTTP handler both webhook clients send through. It resolves the host itself, refuses the connection when any
/// address the name resolves to is one <see cref="WebhookAddressPolicy"/> refuses, and connects to exactly the addresses
/// it checked: a name that resolves to a public address when the contact method is saved and to 127.0.0.1 when a page
/// goes out (DNS rebinding) is caught here, at connect time, not only when saved. It follows no redirect (a 307 would
/// post the page's body to wherever the answer points, past this check) and uses no proxy (through a proxy the check
/// would see the proxy's address, not the webhook's).
/// </summary>
public static class WebhookConnections
{
    public static SocketsHttpHandler Handler(WebhookOptions options) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = TimeSpan.FromSeconds(10),
        // A pooled connection keeps the address it was checked for; new connections are resolved and checked again.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = (context, ct) => ConnectAsync(context.DnsEndPoint, options.AllowLoopback, ct),
    };

    /// <summary>Resolves, checks every address, then connects to the checked ones only.</summary>
    public static async ValueTask<Stream> ConnectAsync(DnsEndPoint endpoint, bool allowLoopback, CancellationToken ct)
    {
        var addresses = await Dns.GetHostAddressesAsync(endpoint.Host, ct);
        if (addresses.Length == 0)
        {
            throw new WebhookAddressRefusedException($"{endpoint.Host} resolves to no address");
        }
        // Any refused address refuses the name: connecting to "the first allowed one" would let a name that lists a
        // public and a private address steer the connection by which one answers.
        foreach (var address in addresses)
        {
            if (WebhookAddressPolicy.Refusal(address, allowLoopback) is { } refusal)
            {
                throw new WebhookAddressRefusedException($"{endpoint.Host} resolves to {address}, {refusal}; webhooks reach only public addresses");
            }
        }
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, endpoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
