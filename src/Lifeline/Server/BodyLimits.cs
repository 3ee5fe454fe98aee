using Microsoft.AspNetCore.Http.Features;

namespace Lifeline.Server;

/// <summary>
/// How much of a request body Lifeline reads: <see cref="Default"/> for every endpoint, less for the anonymous ones
/// (sign-in, Twilio's webhooks, survey answers, acknowledgement links), which anybody can post to. A body that
/// declares more is refused with 413 before a byte of it is read; one that does not declare its length (chunked) is
/// cut off with 413 where it passes the limit. A limit must hold before the body is read, not after: 24 anonymous
/// 27 MB posts once took the server from 290 MB to 4 GB.
/// </summary>
public static class BodyLimits
{
    /// <summary>Every endpoint without a limit of its own: far above any request Lifeline's API takes.</summary>
    public const long Default = 1024 * 1024;

    /// <summary>Sign-in and small anonymous forms.</summary>
    public const long Small = 16 * 1024;

    /// <summary>Twilio's webhooks: a status callback or an SMS (1,600 characters at most) with its fields.</summary>
    public const long Webhook = 64 * 1024;

    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new BodyLimit(bytes));

    public static IApplicationBuilder UseBodyLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<BodyLimit>()?.Bytes ?? Default;
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException($"The request body is larger than this endpoint takes ({limit} bytes).", StatusCodes.Status413PayloadTooLarge);
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } kestrel)
        {
            kestrel.MaxRequestBodySize = limit;
        }
        else if (context.Request.ContentLength is null)
        {
            context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
        }
        await next(context);
    });
}
