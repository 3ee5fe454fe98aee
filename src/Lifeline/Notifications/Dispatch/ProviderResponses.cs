using System.Net;
using System.Text.RegularExpressions;
using Lifeline.Notifications.Delivery;

namespace Lifeline.Notifications.Dispatch;

/// <summary>How the HTTP providers' answers map to outcomes, the same for every channel over HTTP.</summary>
public static partial class ProviderResponses
{
    /// <summary>Timeouts, throttling and server errors may pass; any other 4xx is the request's fault and will not.</summary>
    public static bool IsTemporary(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;

    public static SendOutcome Failure(HttpStatusCode status, string reason) =>
        IsTemporary(status) ? SendOutcome.Temporary(reason) : SendOutcome.Permanent(reason);

    /// <summary>Providers echo the destination in errors ("The 'To' number +1555... is not valid"); errors are stored and logged, numbers must not be.</summary>
    public static string WithoutNumbers(string text) => PhoneNumber().Replace(text, "[number]");

    [GeneratedRegex(@"\+?\d[\d\s().-]{5,}\d")]
    private static partial Regex PhoneNumber();
}
