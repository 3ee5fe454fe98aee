using Lifeline.Console.SignIn;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor.Services;

namespace Lifeline.Console;

/// <summary>The web console: Blazor components in the server, calling the same services as the API.</summary>
public static class ConsoleSetup
{
    public static IServiceCollection AddConsole(this IServiceCollection services)
    {
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthentication>();
        services.AddScoped<ConsoleSession>();
        services.AddScoped<Widgets.ViewerClock>();
        services.AddMudServices();
        return services;
    }

    public static WebApplication MapConsole(this WebApplication app)
    {
        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode().Add(endpoint =>
        {
            // The anonymous pages' limits, as the anonymous API endpoints have them (see AnonymousPageAttribute).
            if (endpoint.Metadata.OfType<AnonymousPageAttribute>().FirstOrDefault() is { } page)
            {
                endpoint.Metadata.Add(new Server.BodyLimit(page.BodyLimit));
                endpoint.Metadata.Add(new Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute(Server.AnonymousTraffic.Policy));
            }
        });
        app.MapConsoleSignOut();
        return app;
    }
}
