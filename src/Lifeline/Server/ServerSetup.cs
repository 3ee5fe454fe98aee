using System.Text.Json.Serialization;
using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Demo;
using Lifeline.Directory;
using Lifeline.Escalation;
using Lifeline.Incidents;
using Lifeline.Notifications.Dispatch;
using Lifeline.Severity;
using Lifeline.Storage;
using Scalar.AspNetCore;

namespace Lifeline.Server;

/// <summary>Everything <c>Program.cs</c> calls: services in <see cref="AddLifeline"/>, endpoints in <see cref="MapLifeline"/>.</summary>
public static class ServerSetup
{
    public static WebApplicationBuilder AddLifeline(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        // First, so the schema exists before any other hosted service (data protection's key ring) reads it.
        services.AddHostedService<StartupTasks>();
        services.AddSingleton(TimeProvider.System);
        services.AddStorage(builder.Configuration);
        services.AddAccess(builder.Configuration);
        services.AddDirectory();
        services.AddSeverity();
        services.AddIncidents(builder.Configuration);
        services.AddEscalation(builder.Configuration);
        services.AddDispatch(builder.Configuration);
        services.AddScoped<DemoOrganisation>();

        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    public static WebApplication MapLifeline(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/healthz", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api", o => o.WithTitle("Lifeline API")).AllowAnonymous();
        app.MapGet("/", () => Results.Redirect("/api")).AllowAnonymous().ExcludeFromDescription();

        var api = app.MapGroup("/api/v1");
        api.MapAuthApi();
        api.MapAccountsApi();
        api.MapDirectoryApi();
        api.MapEscalationApi();
        api.MapSeverityApi();
        api.MapIncidents();
        api.MapDispatchApi();
        return app;
    }
}
