namespace Lifeline.Server;

/// <summary>
/// Headers every answer carries: no content sniffing, no framing, no referrer leaking a link's token; the API and the
/// acknowledgement pages also forbid caching (they carry personal data and one-time links) and load nothing at all.
/// The interactive API reference at <c>/api</c> keeps its scripts.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            var path = context.Request.Path;
            if (path.StartsWithSegments("/api/v1") || path.StartsWithSegments("/ack"))
            {
                headers.CacheControl = "no-store";
                headers.ContentSecurityPolicy = path.StartsWithSegments("/ack")
                    ? "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
                    : "default-src 'none'; frame-ancestors 'none'";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
