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
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        app.MapConsoleSignOut();
        return app;
    }
}
