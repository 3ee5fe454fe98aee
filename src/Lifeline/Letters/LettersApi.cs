using Lifeline.Access;
using Lifeline.Letters.Pdf;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Lifeline.Letters;

/// <summary>
/// The letter and the Severity 1 contact list as JSON under <c>/api/v1</c>, and as PDFs beside their pages
/// (<c>/letter.pdf</c>, <c>/contact-list.pdf</c>). Every signed-in person may read both; contact values are in clear
/// only for <see cref="LifelineRoles.ContactDataReaders"/>, and each read in clear is in the access log.
/// </summary>
public static class LettersApi
{
    public static RouteGroupBuilder MapLettersApi(this RouteGroupBuilder api)
    {
        api.MapGet("/letter", Letter).WithTags("Letters")
            .WithSummary("The organisation-wide emergency contact letter, generated from the directory")
            .WithDescription("Help desk, contact hierarchy, response times per severity, roles and responsibilities, access rules, escalation and drills. " +
                             "Office phones and e-mail addresses of the people named are in clear for Admin, Level1Technician and IncidentManager (the read is recorded in the access log) and masked for every other role. " +
                             "version is a hash of the content: a printed copy is current when its version matches.");
        api.MapGet("/contact-list", ContactList).WithTags("Letters")
            .WithSummary("The Severity 1 contact list: who to call, in order, for each step of the Severity 1 chain (cell first)")
            .WithDescription("Values are in clear for Admin, Level1Technician and IncidentManager, and each such read is recorded in the access log; masked for every other role, " +
                             "and for anyone who asks with masked=true.");
        return api;
    }

    public static IEndpointRouteBuilder MapLetterDocuments(this IEndpointRouteBuilder app)
    {
        app.MapGet("/letter.pdf", LetterPdfFile).ExcludeFromDescription();
        app.MapGet("/contact-list.pdf", ContactListPdfFile).ExcludeFromDescription();
        return app;
    }

    private static async Task<Ok<ContactLetter>> Letter(Actor actor, EmergencyContactLetter letters, CancellationToken ct) =>
        TypedResults.Ok(await letters.WriteAsync(actor, ct));

    private static async Task<Ok<ContactListSheet>> ContactList(Actor actor, SeverityOneContactList list, CancellationToken ct, bool masked = false) =>
        TypedResults.Ok(await list.ReadAsync(actor, reveal: !masked, "API", ct));

    private static async Task<FileContentHttpResult> LetterPdfFile(Actor actor, EmergencyContactLetter letters, HttpContext http, CancellationToken ct)
    {
        var letter = await letters.WriteAsync(actor, ct);
        return Pdf(http, LetterPdf.Write(letter), $"emergency-contact-letter-{letter.Version}.pdf");
    }

    private static async Task<FileContentHttpResult> ContactListPdfFile(Actor actor, SeverityOneContactList list, HttpContext http, CancellationToken ct, bool masked = false)
    {
        var sheet = await list.ReadAsync(actor, reveal: !masked, "PDF", ct);
        return Pdf(http, ContactListPdf.Write(sheet), $"severity-1-contact-list-{sheet.Version}{(sheet.Masked ? "-masked" : "")}.pdf");
    }

    private static FileContentHttpResult Pdf(HttpContext http, byte[] bytes, string fileName)
    {
        // Personal data: no copy kept by the browser or a proxy.
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.File(bytes, "application/pdf", fileName);
    }
}
