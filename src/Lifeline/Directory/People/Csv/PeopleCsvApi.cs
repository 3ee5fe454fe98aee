using System.Text;
using Lifeline.Access;
using Lifeline.Server;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Directory.People.Csv;

public static class PeopleCsvApi
{
    public static RouteGroupBuilder MapPeopleCsvApi(this RouteGroupBuilder api)
    {
        var people = api.MapGroup("/people").WithTags("People").RequireAuthorization(AccessPolicies.Administer);
        people.MapPost("/import", Import)
            .Accepts<string>(PeopleCsv.MediaType, "text/plain", "application/octet-stream")
            .WithBodyLimit(PeopleCsv.MaxBytes)
            .WithSummary("Import people and their contact methods from CSV: a preview, or with apply=true all rows in one transaction")
            .WithDescription(
                "The first line names the columns (any order, only name required): " + string.Join(", ", PeopleCsv.Columns) + ". Teams, roles, " +
                "e-mail addresses and phone numbers may list several values separated by semicolons; phones are normalised to E.164. A row " +
                "updates the person with one of its e-mail addresses, or else the person with its name, and otherwise creates a person; an import " +
                "never removes anything. Without apply it is a preview: every row with what would happen and its errors, nothing stored. With " +
                "apply=true and a row in error it answers 400 with the errors under \"row N\", and stores nothing. A file that cannot be read, with " +
                $"unknown or missing columns, answers 400; one over {PeopleCsv.MaxBytes / (1024 * 1024)} MB or {PeopleCsv.MaxRows} rows 413.");
        people.MapGet("/export", Export)
            .Produces<string>(StatusCodes.Status200OK, PeopleCsv.MediaType)
            .WithSummary("The people of the directory as CSV, in the columns the import reads")
            .WithDescription("Contact values are in clear only for roles entitled to them; every person whose details are in the file is recorded in the access log.");
        return api;
    }

    private static async Task<Results<Ok<PeopleImportView>, ValidationProblem, ProblemHttpResult>> Import(bool? apply, HttpRequest request, Actor actor,
        PeopleCsvImport import, CancellationToken ct)
    {
        string text;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            text = await reader.ReadToEndAsync(ct);
        }
        var outcome = await import.ImportAsync(actor, text, apply ?? false, ct);
        if (outcome.Refusal is { } refusal)
        {
            return refusal.As<Ok<PeopleImportView>>();
        }
        var view = outcome.Value!;
        if ((apply ?? false) && view.RowsWithErrors > 0)
        {
            var errors = view.Rows.Where(r => r.Errors.Count > 0).ToDictionary(r => $"row {r.Row}", r => r.Errors.ToArray());
            return TypedResults.ValidationProblem(errors, detail: view.Summary, title: "The file has rows in error");
        }
        return TypedResults.Ok(view);
    }

    private static async Task<Results<FileContentHttpResult, ValidationProblem, ProblemHttpResult>> Export(string? format, Actor actor,
        PeopleCsvExport export, TimeProvider time, CancellationToken ct)
    {
        if (format is not null && !string.Equals(format, "csv", StringComparison.OrdinalIgnoreCase))
        {
            return Api.Problems.Invalid("format", "The only format is csv.");
        }
        var outcome = await export.ExportAsync(actor, ct);
        return outcome.Refusal is { } refusal
            ? refusal.As<FileContentHttpResult>()
            : TypedResults.File(Encoding.UTF8.GetBytes(outcome.Value!), "text/csv; charset=utf-8", $"people-{time.GetUtcNow():yyyy-MM-dd}.csv");
    }
}
