using System.Net;
using System.Net.Sockets;

namespace Lifeline.Notifications.Webhooks;

/// <summary>
/// Where a webhook may post: an absolute <c>https://</c> URL (plain <c>http://</c> only with
/// <see cref="WebhookOptions.AllowPlainHttp"/>) without a user name or password, to an address on the public internet.
/// Anyone who may edit a contact method chooses the URL, so without this Lifeline could be made to post from inside the
/// network to the cloud metadata service (169.254.169.254), an internal admin page or the server's own loopback. The
/// directory checks a literal address when a contact method is saved; <see cref="WebhookConnections"/> checks every address
/// a host name resolves to when it connects, which is the check that counts (DNS may answer differently later).
/// </summary>
public static class WebhookAddressPolicy
{
    /// <summary>Checks a URL as a webhook's destination; <paramref name="normalised"/> is the form to store.</summary>
    public static bool TryValidateUrl(string? raw, WebhookOptions options, out string normalised, out string error)
    {
        normalised = "";
        error = "";
        var schemes = options.AllowPlainHttp ? "an absolute http or https URL" : "an absolute https URL";
        if (string.IsNullOrWhiteSpace(raw) || raw.Length > 2048
            || !Uri.TryCreate(raw.Trim(), UriKind.Absolute, out var uri)
            || !(uri.Scheme == Uri.UriSchemeHttps || (options.AllowPlainHttp && uri.Scheme == Uri.UriSchemeHttp)))
        {
            error = $"A webhook must be {schemes}, e.g. https://hooks.example.org/lifeline.";
            return false;
        }
        if (uri.UserInfo.Length > 0)
        {
            error = "A webhook URL must not carry a user name or password; put the credential in the path or query as the service documents.";
            return false;
        }
        if (uri.HostNameType is UriHostNameType.IPv4 or UriHostNameType.IPv6 && IPAddress.TryParse(uri.IdnHost, out var address)
            && Refusal(address, options.AllowLoopback) is { } refusal)
        {
            error = $"{uri.Host} is {refusal}; a webhook must be reachable on the public internet.";
            return false;
        }
        normalised = uri.AbsoluteUri;
        return true;
    }

    /// <summary>Why a webhook may not connect to <paramref name="address"/> ("a loopback address"), or null when it may.</summary>
    public static string? Refusal(IPAddress address, bool allowLoopback)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }
        return address.AddressFamily switch
        {
            AddressFamily.InterNetwork => RefusalV4(address.GetAddressBytes(), allowLoopback),
            AddressFamily.InterNetworkV6 => RefusalV6(address, allowLoopback),
            _ => "not an internet address",
        };
    }

    private static string? RefusalV4(byte[] b, bool allowLoopback) => (b[0], b[1]) switch
    {
        (127, _) => allowLoopback ? null : "a loopback address",
        (0, _) => "an unspecified address",
        (10, _) or (172, >= 16 and <= 31) or (192, 168) => "a private address (RFC 1918)",
        (169, 254) => "a link-local address",
        (100, >= 64 and <= 127) => "a shared address (carrier-grade NAT, RFC 6598)",
        ( >= 224 and <= 239, _) => "a multicast address",
        ( >= 240, _) => "a reserved or broadcast address",
        _ => null,
    };

    private static string? RefusalV6(IPAddress address, bool allowLoopback)
    {
        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return allowLoopback ? null : "a loopback address";
        }
        if (address.Equals(IPAddress.IPv6Any))
        {
            return "an unspecified address";
        }
        var b = address.GetAddressBytes();
        if ((b[0] & 0xfe) == 0xfc || address.IsIPv6SiteLocal)
        {
            return "a private address (unique local)";
        }
        if (address.IsIPv6LinkLocal)
        {
            return "a link-local address";
        }
        if (address.IsIPv6Multicast)
        {
            return "a multicast address";
        }
        // Forms that carry an IPv4 address inside and may be routed to it: IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96)
        // and 6to4 (2002::/16). The IPv4 address inside is judged as itself.
        if (b.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0
            || (b[0], b[1], b[2], b[3]) == (0x00, 0x64, 0xff, 0x9b) && b.AsSpan(4, 8).IndexOfAnyExcept((byte)0) < 0)
        {
            return RefusalV4(b[12..], allowLoopback: false);
        }
        if ((b[0], b[1]) == (0x20, 0x02))
        {
            return RefusalV4(b[2..6], allowLoopback: false);
        }
        return null;
    }
}
