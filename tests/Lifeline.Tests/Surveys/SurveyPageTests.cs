using System.Net;
using System.Text.RegularExpressions;
using Lifeline.Storage;
using Lifeline.Tests.Incidents;
using Lifeline.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Surveys;

/// <summary>The customer's survey page at /survey/{token}: the link in the close response and the invitation, answered once.</summary>
public sealed partial class SurveyPageTests(SharedServers servers)
{
    private const string PublicUrl = "https://lifeline.example.org";

    private static async Task<(string Number, string Title, string Link)> ClosedIncidentAsync(HttpClient admin)
    {
        var title = $"Filtering blocks the intranet {Guid.NewGuid():N}"[..40];
        var number = (await admin.OpenAsync(title: title)).Number();
        await admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "Rule removed" }).ExpectAsync(HttpStatusCode.OK);
        var closed = await admin.PostJson($"/api/v1/incidents/{number}/close", new { }).ExpectAsync(HttpStatusCode.OK);
        return (number, title, closed.GetProperty("surveyLink").GetString()!);
    }

    /// <summary>A customer's browser: keeps the antiforgery cookie, follows nothing.</summary>
    private static HttpClient Browser(LifelineServer server) =>
        server.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true, AllowAutoRedirect = false });

    private static async Task<(HttpStatusCode Status, string Html)> GetAsync(HttpClient browser, string path)
    {
        using var response = await browser.GetAsync(path);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    /// <summary>Posts the page's form as a browser would: the antiforgery token from the page, the form's name, the fields.</summary>
    private static async Task<(HttpStatusCode Status, string Html)> AnswerAsync(HttpClient browser, string path, string rating, string comment = "")
    {
        var (_, form) = await GetAsync(browser, path);
        var token = Antiforgery().Match(form);
        Assert.True(token.Success, form);
        using var response = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "survey",
            ["__RequestVerificationToken"] = token.Groups[1].Value,
            ["Form.Rating"] = rating,
            ["Form.Comment"] = comment,
        }));
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static async Task<int?> RatingAsync(HttpClient admin, string number)
    {
        var incident = await admin.GetAsync($"/api/v1/incidents/{number}").ExpectAsync(HttpStatusCode.OK);
        return incident.TryGetProperty("survey", out var survey) && survey.ValueKind == System.Text.Json.JsonValueKind.Object
               && survey.GetProperty("rating").ValueKind == System.Text.Json.JsonValueKind.Number
            ? survey.GetProperty("rating").GetInt32()
            : null;
    }

    [Theory, DatabaseData]
    public async Task SurveyPage_AnsweredOnce_ThankYouThenRefusedPlainly(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (number, title, link) = await ClosedIncidentAsync(admin);
        var path = new Uri(link).AbsolutePath;
        var browser = Browser(server);

        var (status, page) = await GetAsync(browser, path);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(number, page);
        Assert.Contains(title, page);
        Assert.Contains("Internet Filtering", page);
        Assert.Contains("Resolved", page);
        Assert.Equal(5, RadioButton().Count(page));
        Assert.Contains("<label for=\"comment\">", page);

        var (answered, thanks) = await AnswerAsync(browser, path, "4", "Quick and clear");
        Assert.Equal(HttpStatusCode.OK, answered);
        Assert.Contains("Thank you", thanks);
        Assert.Equal(4, await RatingAsync(admin, number));

        var (again, refused) = await AnswerAsync(browser, path, "1", "changed my mind");
        Assert.Equal(HttpStatusCode.Conflict, again);
        Assert.Contains("already been answered", refused);
        Assert.Equal(4, await RatingAsync(admin, number));
        var (revisit, revisited) = await GetAsync(Browser(server), path);
        Assert.Equal(HttpStatusCode.Conflict, revisit);
        Assert.Contains("already been answered", revisited);
        Assert.DoesNotContain("<input type=\"radio\"", revisited);
    }

    [Theory, DatabaseData]
    public async Task SurveyPage_BadRating_ErrorBesideTheFieldAndNothingChanges(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (number, _, link) = await ClosedIncidentAsync(admin);
        var path = new Uri(link).AbsolutePath;
        var browser = Browser(server);

        foreach (var bad in new[] { "9", "0", "", "abc" })
        {
            var (status, page) = await AnswerAsync(browser, path, bad, "kept");
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Matches("<div class=\"validation-message\" id=\"rating-error\">Choose a rating", page);
            Assert.Contains(">kept</textarea>", page);
            Assert.Null(await RatingAsync(admin, number));
        }
        var (tooLong, longPage) = await AnswerAsync(browser, path, "3", new string('x', 4001));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong);
        Assert.Contains("id=\"comment-error\">The comment is too long", longPage);
        Assert.Null(await RatingAsync(admin, number));

        var (ok, _) = await AnswerAsync(browser, path, "5");
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(5, await RatingAsync(admin, number));
    }

    [Theory, DatabaseData]
    public async Task SurveyPage_Expired_SaysSoPlainlyAndTakesNoAnswer(DatabaseProvider provider)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var server = await LifelineServer.StartAsync(provider, time);
        var admin = server.AdminClient();
        var (number, _, link) = await ClosedIncidentAsync(admin);
        var path = new Uri(link).AbsolutePath;
        var browser = Browser(server);
        var (_, open) = await GetAsync(browser, path);
        var token = Antiforgery().Match(open).Groups[1].Value;

        time.Advance(TimeSpan.FromDays(15));

        var (status, page) = await GetAsync(browser, path);
        Assert.Equal(HttpStatusCode.Gone, status);
        Assert.Contains("This survey link has expired", page);
        using var post = await browser.PostAsync(path, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "survey", ["__RequestVerificationToken"] = token, ["Form.Rating"] = "5",
        }));
        Assert.Equal(HttpStatusCode.Gone, post.StatusCode);
        Assert.Null(await RatingAsync(admin, number));
    }

    [Theory, DatabaseData]
    public async Task SurveyPage_UnknownLink_SaysSo(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);

        var (status, page) = await GetAsync(Browser(server), "/survey/not-a-real-token");

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Contains("This survey link is not valid", page);
    }

    [Theory, DatabaseData]
    public async Task Close_SurveyLink_IsThePageUnderThePublicUrl(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider, settings: new Dictionary<string, string?> { ["Lifeline:PublicUrl"] = PublicUrl + "/" });
        var admin = server.AdminClient();
        var number = (await admin.OpenAsync()).Number();
        await admin.PostJson($"/api/v1/incidents/{number}/resolve", new { summary = "Fixed" }).ExpectAsync(HttpStatusCode.OK);
        using var close = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/incidents/{number}/close") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        close.Headers.Host = "phishing.example.net";

        var link = (await admin.SendAsync(close).ExpectAsync(HttpStatusCode.OK)).GetProperty("surveyLink").GetString()!;

        Assert.Matches($"^{Regex.Escape(PublicUrl)}/survey/[A-Za-z0-9_-]{{43}}$", link);
        var (status, page) = await GetAsync(Browser(server), new Uri(link).AbsolutePath);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(number, page);
    }

    [Theory, DatabaseData]
    public async Task SurveyPage_Headers_NoStoreAndAStylesheetOnlyPolicy(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (_, _, link) = await ClosedIncidentAsync(server.AdminClient());

        using var response = await Browser(server).GetAsync(new Uri(link).AbsolutePath);

        Assert.True(response.Headers.CacheControl?.NoStore);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", csp);
        Assert.Contains("style-src 'self'", csp);
        Assert.Contains("form-action 'self'", csp);
        Assert.DoesNotContain("script-src", csp);
        Assert.Contains("<link href=\"console.", await response.Content.ReadAsStringAsync());
    }

    [Theory, DatabaseData]
    public async Task SurveyPage_BodyOverTheAnonymousLimit_Refused413(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var (number, _, link) = await ClosedIncidentAsync(admin);

        using var response = await Browser(server).PostAsync(new Uri(link).AbsolutePath,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["_handler"] = "survey", ["Form.Rating"] = "5", ["Form.Comment"] = new string('x', 20_000) }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Null(await RatingAsync(admin, number));
    }

    [Theory, DatabaseData]
    public async Task SurveyPageEndpoint_HasTheAnonymousRoutesLimits(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);

        var endpoint = server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Single(e => e.RoutePattern.RawText == "/survey/{Token}");

        Assert.Equal(Lifeline.Server.BodyLimits.Small, endpoint.Metadata.GetMetadata<Lifeline.Server.BodyLimit>()?.Bytes);
        Assert.Equal(Lifeline.Server.AnonymousTraffic.Policy, endpoint.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName);
        Assert.NotNull(endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>());
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Antiforgery();

    [GeneratedRegex("<input[^>]*type=\"radio\"[^>]*name=\"Form.Rating\"")]
    private static partial Regex RadioButton();
}
