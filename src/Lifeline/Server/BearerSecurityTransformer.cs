using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Lifeline.Server;

/// <summary>Tells OpenAPI clients to send <c>Authorization: Bearer &lt;API token&gt;</c>.</summary>
internal sealed class BearerSecurityTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Lifeline API";
        document.Info.Description = "Emergency contacts and incident escalation. Authenticate with a personal API token: `Authorization: Bearer llt_...`.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "A personal API token (create one with POST /api/v1/me/tokens or `create-token`).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
