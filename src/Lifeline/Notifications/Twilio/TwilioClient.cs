using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Lifeline.Notifications.Delivery;
using Lifeline.Notifications.Dispatch;
using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Twilio;

/// <summary>
/// Twilio's REST API as documented (the SDK is not available here): a form POST to
/// <c>/2010-04-01/Accounts/{AccountSid}/{Resource}.json</c> with HTTP Basic auth, answered with
/// JSON carrying the new resource's <c>sid</c>, or an error <c>code</c> and <c>message</c>.
/// </summary>
public sealed class TwilioClient(HttpClient http, IOptions<TwilioOptions> options)
{
    public async Task<SendOutcome> CreateAsync(string resource, IReadOnlyList<KeyValuePair<string, string>> form, CancellationToken ct)
    {
        var o = options.Value;
        var url = $"{o.BaseUrl.TrimEnd('/')}/2010-04-01/Accounts/{Uri.EscapeDataString(o.AccountSid!)}/{resource}.json";
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{o.AccountSid}:{o.AuthToken}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await http.SendAsync(request, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        var json = TryParse(body);
        if (response.IsSuccessStatusCode)
        {
            return json is { } ok && ok.TryGetProperty("sid", out var sid) && sid.GetString() is { Length: > 0 } id
                ? SendOutcome.Accepted(id)
                : SendOutcome.Temporary($"Twilio answered {(int)response.StatusCode} without a sid");
        }
        var code = json is { } e && e.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetInt32().ToString(CultureInfo.InvariantCulture) : "none";
        var message = json is { } m && m.TryGetProperty("message", out var text) ? text.GetString() : response.ReasonPhrase;
        return ProviderResponses.Failure(response.StatusCode, ProviderResponses.WithoutNumbers($"Twilio {(int)response.StatusCode}, error {code}: {message}"));
    }

    private static JsonElement? TryParse(string body)
    {
        try
        {
            return body.Length == 0 ? null : JsonDocument.Parse(body).RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
