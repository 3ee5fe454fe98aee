using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.StatusPage;

/// <summary>The status page's data for every signed-in account: current incidents and their latest update, no contact data.</summary>
public static class StatusPageApi
{
    public static RouteGroupBuilder MapStatusPageApi(this RouteGroupBuilder api)
    {
        api.MapGroup("/status-page").WithTags("Status page").MapGet("/", Get)
            .WithSummary("Current incidents with their latest status-update text; no names, phone numbers or e-mail addresses");
        return api;
    }

    private static async Task<Ok<StatusPageView>> Get(StatusBoard board, CancellationToken ct) => TypedResults.Ok(await board.CurrentAsync(ct));
}
