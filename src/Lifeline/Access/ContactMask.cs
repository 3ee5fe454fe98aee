using Lifeline.Directory.People;

namespace Lifeline.Access;

/// <summary>How a contact value looks to someone not entitled to it: enough to tell methods apart, not to use them.</summary>
public static class ContactMask
{
    private const string Dots = "•••";

    public static string Mask(ContactMethodKind kind, string value) => kind switch
    {
        ContactMethodKind.OfficePhone or ContactMethodKind.CellPhone => MaskPhone(value),
        ContactMethodKind.Email => MaskEmail(value),
        _ => MaskUrl(value),
    };

    // "+12125550147" -> "+1 ••• ••• 0147"
    private static string MaskPhone(string e164)
    {
        var countryCodeLength = e164.StartsWith("+1", StringComparison.Ordinal) ? 2 : Math.Min(3, Math.Max(1, e164.Length - 4));
        var last = e164.Length > 4 ? e164[^4..] : "";
        return $"{e164[..countryCodeLength]} {Dots} {Dots} {last}";
    }

    // "dana.whitfield@example.org" -> "d•••@example.org"
    private static string MaskEmail(string address)
    {
        var at = address.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? Dots : $"{address[0]}{Dots}{address[at..]}";
    }

    // Webhook URLs carry their secret in the path: keep only scheme and host.
    private static string MaskUrl(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Host}/{Dots}" : Dots;
}
