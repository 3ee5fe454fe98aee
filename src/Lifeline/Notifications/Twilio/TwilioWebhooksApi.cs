using System.Security;
using Lifeline.Server;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Twilio;

/// <summary>
/// What Twilio calls: delivery status callbacks, inbound SMS (replies that acknowledge) and the
/// voice keypress. Anonymous, because Twilio has no account here, but every request must carry a
/// valid <c>X-Twilio-Signature</c> over <c>Lifeline:PublicUrl</c> + path + query and the form;
/// anything else is refused with 403 and logged (without the phone numbers in it).
/// </summary>
public static class TwilioWebhooksApi
{
    public const string StatusPath = "/api/v1/twilio/status";
    public const string GatherPath = "/api/v1/twilio/voice/gather";

    public static RouteGroupBuilder MapTwilioWebhooksApi(this RouteGroupBuilder api)
    {
        var twilio = api.MapGroup("/twilio").WithTags("Twilio webhooks").AllowAnonymous().AsAnonymousEntry(BodyLimits.Webhook).DisableAntiforgery().AddEndpointFilter(RequireSignature);
        twilio.MapPost("/status", Status).WithSummary("Twilio status callback for a message or call (signed by Twilio)");
        twilio.MapPost("/sms", Sms).WithSummary("Inbound SMS: a reply such as '4 2026-123' acknowledges the page sent to that phone for INC-2026-000123 (signed by Twilio)");
        twilio.MapPost("/voice/gather", Gather).WithSummary("A key pressed during a call: 4 acknowledges a page, 1 confirms the task a notice asked for (signed by Twilio)");
        return api;
    }

    private static async Task<IResult> Status(HttpRequest request, TwilioCallbacks callbacks, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        var sid = (string?)form["MessageSid"] is { Length: > 0 } message ? message : (string?)form["CallSid"];
        var status = (string?)form["MessageStatus"] is { Length: > 0 } s ? s : (string?)form["CallStatus"];
        if (string.IsNullOrEmpty(sid) || string.IsNullOrEmpty(status))
        {
            return TypedResults.BadRequest();
        }
        await callbacks.StatusAsync(sid, status, form["ErrorCode"], ct);
        return TypedResults.Ok();
    }

    private static async Task<IResult> Sms(HttpRequest request, TwilioReplies replies, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        var answer = await replies.FromSmsAsync(form["From"].ToString(), form["Body"].ToString(), ct);
        return Twiml($"<Message>{SecurityElement.Escape(answer)}</Message>");
    }

    private static async Task<IResult> Gather(HttpRequest request, Guid notification, TwilioReplies replies, CancellationToken ct)
    {
        var form = await request.ReadFormAsync(ct);
        var answer = await replies.FromKeypressAsync(notification, form["CallSid"].ToString(), form["Digits"].ToString(), ct);
        return Twiml($"<Say>{SecurityElement.Escape(answer)}</Say>");
    }

    private static ContentHttpResult Twiml(string inner) =>
        TypedResults.Content($"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>{inner}</Response>", "application/xml");

    private static async ValueTask<object?> RequireSignature(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var options = http.RequestServices.GetRequiredService<IOptions<TwilioOptions>>().Value;
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TwilioWebhooksApi));
        var url = options.Callback(http.Request.Path + http.Request.QueryString);
        var signature = http.Request.Headers["X-Twilio-Signature"].ToString();
        string? refusal = null;
        // Everything that can be checked without the body first: an unsigned post is refused before a byte of it is read.
        if (!options.IsConfigured || url is null)
        {
            refusal = "Twilio (Lifeline:Twilio and Lifeline:PublicUrl) is not configured";
        }
        else if (signature.Length == 0)
        {
            refusal = "no X-Twilio-Signature header";
        }
        else if (!http.Request.HasFormContentType)
        {
            refusal = "the body is not a form";
        }
        else
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var fields = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? "")));
            if (!TwilioSignature.IsValid(options.AuthToken!, url, fields, signature))
            {
                refusal = "the X-Twilio-Signature does not match";
            }
        }
        if (refusal is not null)
        {
            logger.LogWarning("Refused a Twilio webhook to {Path} from {RemoteAddress}: {Reason}", http.Request.Path.Value, http.Connection.RemoteIpAddress, refusal);
            return TypedResults.StatusCode(StatusCodes.Status403Forbidden);
        }
        return await next(context);
    }
}
