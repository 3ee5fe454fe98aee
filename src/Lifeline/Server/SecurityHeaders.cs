namespace Lifeline.Server;

/// <summary>
/// Headers every answer carries: no content sniffing, no framing, no referrer leaking a link's token; the API and the
/// acknowledgement and survey pages also forbid caching (they carry personal data and one-time links) and load nothing
/// but, for the pages, the console's stylesheet.
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
            var linkPage = path.StartsWithSegments("/ack") || path.StartsWithSegments("/survey");
            if (path.StartsWithSegments("/api/v1") || linkPage)
            {
                headers.CacheControl = "no-store";
                // The acknowledgement and survey pages: the console's stylesheet from this server, a form that posts
                // back here, no script; base-uri 'self' for the page's <base href="/">.
                headers.ContentSecurityPolicy = linkPage
                    ? "default-src 'none'; style-src 'self'; img-src data:; form-action 'self'; frame-ancestors 'none'; base-uri 'self'"
                    : "default-src 'none'; frame-ancestors 'none'";
            }
            return Task.CompletedTask;
        });
        return next(context);
    });
}
