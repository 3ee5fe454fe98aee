using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Lifeline.Api;

/// <summary>
/// The database cannot be reached (stopped, restarting, refusing connections, too slow to answer):
/// answer 503 with <c>Retry-After</c> at once, so callers and load balancers retry or fail over,
/// instead of a 500 or a request that hangs. Lifeline recovers by itself when the database is back:
/// nothing here holds state.
/// </summary>
internal sealed class DatabaseUnavailableExceptionHandler(IProblemDetailsService problems, ILogger<DatabaseUnavailableExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsDatabaseUnavailable(exception))
        {
            return false;
        }
        logger.LogWarning("The database is unavailable; answered 503 to {Method} {Path}: {Reason}",
            httpContext.Request.Method, httpContext.Request.Path, exception.GetBaseException().Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "The database is unavailable",
                Detail = $"Lifeline cannot reach its database right now. Nothing was changed; try again in {RetryAfterSeconds} seconds.",
            },
        });
    }

    /// <summary>True when anything in the exception's chain says the database could not be reached or did not answer in time.</summary>
    public static bool IsDatabaseUnavailable(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // A server error with a SQL state is about the statement (a unique key, a bad value), except these:
                // connection exceptions (08), shutting down or starting up (57P0x), too many connections (53300).
                case PostgresException pg when pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState.StartsWith("57P0", StringComparison.Ordinal) || pg.SqlState == "53300":
                    return true;
                case PostgresException:
                    return false;
                // Without a SQL state: the socket, the connect timeout, the pool.
                case NpgsqlException:
                    return true;
                // Busy or locked past busy_timeout, the file cannot be opened or read, the disk is full.
                case SqliteException sqlite when sqlite.SqliteErrorCode is 5 or 6 or 10 or 13 or 14:
                    return true;
                case TimeoutException:
                    return true;
            }
        }
        return false;
    }
}
