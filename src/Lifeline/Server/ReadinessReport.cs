using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lifeline.Server;

/// <summary>
/// <c>/readyz</c>'s body: the overall status and each check's status, description and data (the database; the last
/// backup's time and result). No secrets or paths: the endpoint is anonymous, for load balancers and monitoring.
/// </summary>
public static class ReadinessReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), description = e.Value.Description, data = e.Value.Data }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
