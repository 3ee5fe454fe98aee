using Lifeline.Server;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.StatusPage;

/// <summary>
/// The status page's data: for every signed-in account, current incidents and their latest update, no contact data;
/// and anonymously, the same for the services an administrator has put on the public status page.
/// </summary>
public static class StatusPageApi
{
    public static RouteGroupBuilder MapStatusPageApi(this RouteGroupBuilder api)
    {
        var page = api.MapGroup("/status-page").WithTags("Status page");
        page.MapGet("/", Get)
            .WithSummary("Current incidents with their latest status-update text; no names, phone numbers or e-mail addresses");
        page.MapGet("/public", GetPublic).AllowAnonymous().AsAnonymousEntry(BodyLimits.Small)
            .WithSummary("Without signing in: the current incidents of the services on the public status page (a service's onPublicStatusPage), as GET /status-page shows them");
        return api;
    }

    private static async Task<Ok<StatusPageView>> Get(StatusBoard board, CancellationToken ct) => TypedResults.Ok(await board.CurrentAsync(ct));

    private static async Task<Ok<StatusPageView>> GetPublic(StatusBoard board, CancellationToken ct) => TypedResults.Ok(await board.PublicAsync(ct));
}
