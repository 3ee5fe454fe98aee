using Lifeline.Chat;
using Lifeline.Backups;
using System.Text.Json.Serialization;
using Lifeline.Access;
using Lifeline.Access.Mfa;
using Lifeline.Access.Oidc;
using Lifeline.Acknowledgements;
using Lifeline.Alerts;
using Lifeline.Api;
using Lifeline.Board;
using Lifeline.Demo;
using Lifeline.Directory;
using Lifeline.Drills;
using Lifeline.Reviews;
using Lifeline.Escalation;
using Lifeline.Incidents;
using Lifeline.Letters;
using Lifeline.Communication;
using Lifeline.ConfigAsCode;
using Lifeline.Console;
using Lifeline.Engine;
using Lifeline.Notifications;
using Lifeline.Notifications.Links;
using Lifeline.Reports;
using Lifeline.StatusPage;
using Lifeline.ServiceLevels;
using Lifeline.Schedules;
using Lifeline.Shifts;
using Lifeline.Surveys;
using Lifeline.Targets;
using Lifeline.Severity;
using Lifeline.Storage;
using Lifeline.Templates;
using Microsoft.Extensions.Configuration.Memory;
using Scalar.AspNetCore;

namespace Lifeline.Server;

/// <summary>Everything <c>Program.cs</c> calls: services in <see cref="AddLifeline"/>, endpoints in <see cref="MapLifeline"/>.</summary>
public static class ServerSetup
{
    public static WebApplicationBuilder AddLifeline(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        UseQuietLoggingByDefault(builder.Configuration);
        OperatorCommands.KeepStandardOutputForResults(builder);
        // First, so the schema exists before any other hosted service (data protection's key ring) reads it.
        services.AddHostedService<StartupTasks>();
        services.AddHostedService<IdleMemoryTrim>();
        services.AddSingleton(TimeProvider.System);
        services.AddStorage(builder.Configuration);
        services.AddAccess(builder.Configuration);
        services.AddDirectory();
        services.AddSeverity();
        services.AddIncidents(builder.Configuration);
        services.AddBoard();
        services.AddSurveys();
        services.AddLetters(builder.Configuration);
        services.AddEngine(builder.Configuration);
        services.AddTargets();
        services.AddEscalation();
        services.AddAcknowledgements();
        services.AddServiceLevels();
        services.AddReports();
        services.AddStatusPage();
        services.AddCommunication();
        services.AddShifts();
        services.AddSchedules(builder.Configuration);
        services.AddTemplates();
        services.AddNotifications(builder.Configuration);
        services.AddBackups(builder.Configuration);
        services.AddAlerts(builder.Configuration);
        services.AddConfigAsCode();
        services.AddDrills();
        services.AddReviews();
        services.AddChat();
        services.AddScoped<DemoOrganisation>();
        services.AddConsole();

        services.AddProxyAndHttps(builder.Configuration);
        services.AddAnonymousTrafficLimit();
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DatabaseUnavailableExceptionHandler>();
        // Outside Development, minimal APIs answer an unreadable body with a bare 400 and never
        // throw, so BadRequestExceptionHandler would not run and the caller would not learn which
        // field was wrong. Throwing lets it write the problem in every environment.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityTransformer>());
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }

    /// <summary>
    /// The log levels of appsettings.json, as the lowest-priority settings: a server started from another directory
    /// (<c>dotnet /opt/lifeline/Lifeline.dll</c>, the benchmark) does not find appsettings.json, and EF Core would then
    /// log every SQL command at Information, which cost more CPU than the requests themselves.
    /// </summary>
    private static void UseQuietLoggingByDefault(ConfigurationManager configuration) =>
        configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
                ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Warning",
            },
        });

    public static WebApplication MapLifeline(this WebApplication app)
    {
        app.UseProxyAndHttps();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseBodyLimits();
        app.UseAuthentication();
        app.UseMfaEnrolmentGate();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapHealthChecks("/healthz", new() { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/readyz", new() { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = ReadinessReport.WriteAsync }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference("/api", o => o.WithTitle("Lifeline API")).AllowAnonymous();

        var api = app.MapGroup("/api/v1");
        api.MapAuthApi();
        api.MapMfaApi();
        api.MapAccountsApi();
        api.MapDirectoryApi();
        api.MapEscalationApi();
        api.MapCommunicationApi();
        api.MapShiftCalendarApi();
        api.MapSchedulesApi();
        app.MapCalendarFeeds();
        api.MapSeverityApi();
        api.MapIncidentsApi();
        api.MapServiceLevelsApi();
        api.MapReportsApi();
        api.MapStatusPageApi();
        api.MapBoardApi();
        api.MapSurveysApi();
        api.MapLettersApi();
        api.MapTemplatesApi();
        api.MapNotificationsApis();
        api.MapAlertsApis();
        api.MapConfigApi();
        api.MapDrillsApi();
        api.MapReviewsApi();
        api.MapChatApi();
        app.MapPagerDutyEventsApi();
        app.MapAckLinks();
        app.MapLetterDocuments();
        app.MapConsole();
        app.MapOidcSignIn();
        return app;
    }
}
