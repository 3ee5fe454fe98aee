using Microsoft.AspNetCore.Antiforgery;

namespace Lifeline.Console.SignIn;

/// <summary>The console's sign-out button: the same sign-out as <c>POST /api/v1/auth/logout</c>, then back to the sign-in page.</summary>
public static class SignOutEndpoint
{
    public static IEndpointRouteBuilder MapConsoleSignOut(this IEndpointRouteBuilder app)
    {
        app.MapPost("/signout", async (HttpContext http, IAntiforgery antiforgery) =>
        {
            // A form post from the console: without a valid antiforgery token another site could sign people out.
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }
            await Access.AuthApi.SignOutAsync(http, http.RequestAborted);
            return Results.Redirect("/signin");
        }).DisableAntiforgery().ExcludeFromDescription();
        return app;
    }
}
