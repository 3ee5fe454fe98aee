using Lifeline.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Lifeline.Server;

/// <summary>Ready means the database answers: without it Lifeline can neither accept nor escalate anything.</summary>
public sealed class DatabaseHealthCheck(LifelineDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            return await db.Database.CanConnectAsync(timeout.Token)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("The database did not answer within 2 seconds.");
        }
    }
}
