using System.Text.RegularExpressions;

namespace Lifeline.Notifications.Delivery;

/// <summary>
/// Providers put the destination into their errors ("550 5.1.1 &lt;name@example.org&gt;: Recipient address rejected"). A
/// failure's reason goes on the timeline, into the notification's history and into the log, which every role reads:
/// it keeps the provider's words and codes, never the address.
/// </summary>
public static partial class ProviderReason
{
    public static string Scrub(string reason) => EmailAddress().Replace(reason, "[address]");

    [GeneratedRegex(@"[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")]
    private static partial Regex EmailAddress();
}
