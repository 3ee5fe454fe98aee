using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace Lifeline.Api;

/// <summary>
/// A request that cannot be read (broken JSON, a value of the wrong type, a missing body) is the
/// caller's mistake: answer 400 with what was wrong, in every environment, never 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }
        var detail = badRequest.InnerException is JsonException json
            ? $"The request body is not valid: {json.Message}"
            : badRequest.Message;
        httpContext.Response.StatusCode = badRequest.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = badRequest.StatusCode, Title = "The request could not be read", Detail = detail },
        });
    }
}
