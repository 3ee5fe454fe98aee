using Lifeline.Access;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Board;

public static class BoardApi
{
    public static RouteGroupBuilder MapBoardApi(this RouteGroupBuilder api)
    {
        api.MapGet("/board", Read).WithTags("Incidents")
            .WithSummary("The incident board: every incident not yet closed, who is being paged now, the next escalation step and the service-level clocks")
            .WithDescription("mine=true keeps the incidents that page you or one of your teams, or that named one of your teams (a responder's view).");
        return api;
    }

    private static async Task<Ok<BoardView>> Read(bool? mine, IncidentBoard board, Actor actor, CancellationToken ct) =>
        TypedResults.Ok(await board.ReadAsync(actor, mine == true, ct));
}
