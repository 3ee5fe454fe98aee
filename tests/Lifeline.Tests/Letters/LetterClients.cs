using System.Net;
using System.Text.RegularExpressions;
using Lifeline.Access;
using Lifeline.Directory.People;
using Lifeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace Lifeline.Tests.Letters;

/// <summary>Accounts signed in as a browser is (a cookie from the sign-in API), the access log, and a PDF's text.</summary>
public static partial class LetterClients
{
    public const string Password = "Test-password-123";

    public sealed record SignedIn(HttpClient Client, Guid AccountId, string UserName);

    /// <summary>A new account with the role, signed in with a cookie, as the console's pages are used.</summary>
    public static async Task<SignedIn> SignInAsAsync(this LifelineServer server, string role)
    {
        Guid accountId;
        string? code = null;
        var userName = $"user-{Guid.NewGuid():N}"[..20];
        using (var scope = server.Services.CreateScope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<AccountService>().CreateAsync(userName, Password, [role], null, CancellationToken.None);
            Assert.True(outcome.Succeeded, string.Join(" ", outcome.Errors?.SelectMany(e => e.Value) ?? []));
            accountId = outcome.Value!.Id;
            var factor = scope.ServiceProvider.GetRequiredService<Lifeline.Access.Mfa.SecondFactor>();
            if (factor.IsRequiredFor([role]))
            {
                // Roles that see the protected contact list must use MFA: enrolled with a code of the previous 30-second step,
                // so that the sign-in's code (of the current step) is not a replay.
                var started = await factor.StartAsync(outcome.Value!, CancellationToken.None);
                var totp = new OtpNet.Totp(OtpNet.Base32Encoding.ToBytes(started.Value!.Secret));
                Assert.Null((await factor.ConfirmAsync(outcome.Value!, totp.ComputeTotp(DateTime.UtcNow.AddSeconds(-30)), Actor.System("test"), CancellationToken.None)).Refusal);
                code = totp.ComputeTotp(DateTime.UtcNow);
            }
        }
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });
        await client.PostJson("/api/v1/auth/login", new { userName, password = Password, code }).ExpectAsync(HttpStatusCode.OK);
        return new SignedIn(client, accountId, userName);
    }

    public static async Task<List<ContactAccessLogEntry>> AccessLogOfAsync(this LifelineServer server, Guid accountId)
    {
        await using var db = server.Database.CreateContext();
        return await db.ContactAccessLog.AsNoTracking().Where(e => e.AccountId == accountId).ToListAsync();
    }

    /// <summary>Phone numbers (E.164) of people's cell phones in the directory.</summary>
    public static async Task<List<string>> CellNumbersAsync(this LifelineServer server)
    {
        await using var db = server.Database.CreateContext();
        return await db.ContactMethods.Where(m => m.Kind == ContactMethodKind.CellPhone).Select(m => m.Value).ToListAsync();
    }

    public static async Task<(string Html, HttpResponseMessage Response)> PageAsync(this HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return (WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), response);
    }

    public static async Task<string> PdfTextAsync(this HttpClient client, string path)
    {
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var pages = pdf.GetPages().ToList();
        // Every glyph on its page: the wrapping keeps long lines (a role's responsibilities, a bridge link) inside the margins.
        Assert.All(pages, page => Assert.All(page.Letters, letter => Assert.True(letter.BoundingBox.Right <= page.Width && letter.BoundingBox.Left >= 0,
            $"'{letter.Value}' at x={letter.BoundingBox.Right} is off page {page.Number} ({page.Width} wide)")));
        return string.Join("\n", pages.Select(p => p.Text));
    }

    /// <summary>Text without any white space: a PDF breaks lines where it likes, and its extracted text joins them without one.</summary>
    public static string Squeezed(string text) => Whitespace().Replace(text, "");

    /// <summary>
    /// Squeezed text without the page footers: a paragraph that runs over a page break has the next page's footer in the
    /// middle of it in the extracted text (how much of the letter fits on page one depends on what the directory holds).
    /// </summary>
    public static string SqueezedWithoutFooters(string text) => Footer().Replace(Squeezed(text), "");

    /// <summary>How a number could appear in a document: E.164, the international format, the bare national digits.</summary>
    public static IEnumerable<string> Spellings(string e164) =>
        [e164, $"{e164[2..5]}-{e164[5..8]}-{e164[8..]}", e164[2..], $"{e164[5..8]}-{e164[8..]}", e164[5..]];

    [GeneratedRegex("Lifeline·[a-z]+·generatedon[^·]*·version[^·]*·page[0-9]+")]
    private static partial Regex Footer();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
