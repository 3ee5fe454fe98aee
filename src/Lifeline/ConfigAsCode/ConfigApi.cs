using System.Text;
using Lifeline.Access;
using Lifeline.Server;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.ConfigAsCode;

/// <summary>What an import answers: the changes (applied or not) as lines a reviewer reads, and the same as data.</summary>
public sealed record ImportView(bool Applied, string Summary, IReadOnlyList<string> Lines, IReadOnlyList<ConfigChange> Changes);

public static class ConfigApi
{
    /// <summary>A configuration file of a large organisation is far above the API's usual request.</summary>
    public const long MaxFile = 8 * 1024 * 1024;

    public static RouteGroupBuilder MapConfigApi(this RouteGroupBuilder api)
    {
        var config = api.MapGroup("/config").WithTags("Configuration as code").RequireAuthorization(AccessPolicies.Administer);
        config.MapGet("/", Export)
            .Produces<string>(StatusCodes.Status200OK, ConfigYaml.MediaType)
            .WithSummary("The directory, schedules, policies, plans, calendar and templates as one YAML file")
            .WithDescription("Contact values are included only with contacts=true (each person's disclosure is in the access log), bridge PINs only with secrets=true.");
        config.MapPost("/import", Import)
            .Accepts<string>(ConfigYaml.MediaType, "text/yaml", "text/plain")
            .WithBodyLimit(MaxFile)
            .WithSummary("Compare a YAML file with the configuration and, with apply=true, make the configuration match it, all or nothing")
            .WithDescription("Without apply it is a dry run: the same checks and the same list of changes, and nothing is changed. A file with problems " +
                "answers 400 with each problem under its path and its line, and changes nothing. A section the file leaves out is left alone; a section " +
                "it has is the whole list (entries it does not name are removed). People's contact methods and bridge PINs the file leaves out are kept.");
        return api;
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> Export(bool? contacts, bool? secrets, Actor actor, ConfigExport export,
        CancellationToken ct)
    {
        var outcome = await export.ExportAsync(actor, new ExportOptions(contacts ?? false, secrets ?? false), ct);
        return outcome.Refusal is { } refusal
            ? TypedResults.Problem(detail: refusal.Detail, statusCode: refusal.Status, title: refusal.Title)
            : TypedResults.Text(ConfigYaml.Write(outcome.Value!), ConfigYaml.MediaType, Encoding.UTF8);
    }

    private static async Task<Results<Ok<ImportView>, ValidationProblem, ProblemHttpResult>> Import(bool? apply, HttpRequest request, Actor actor,
        ConfigImport import, CancellationToken ct)
    {
        string text;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(ct);
        }
        var outcome = await import.ImportAsync(actor, text, apply ?? false, ct);
        if (outcome.Refusal is { } refusal)
        {
            return refusal.As<Ok<ImportView>>();
        }
        var result = outcome.Value!;
        if (result.Problems.Count > 0)
        {
            var errors = result.Problems.GroupBy(p => p.Path)
                .ToDictionary(g => g.Key, g => g.Select(p => p.Line is { } line ? $"line {line}: {p.Message}" : p.Message).ToArray());
            return TypedResults.ValidationProblem(errors, detail: $"The file has {result.Problems.Count} problem(s); nothing was changed.",
                title: "The configuration file cannot be applied");
        }
        return TypedResults.Ok(new ImportView(result.Applied, result.Summary, [.. result.Changes.Select(c => c.ToString())], result.Changes));
    }
}
