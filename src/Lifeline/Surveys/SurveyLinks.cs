namespace Lifeline.Surveys;

/// <summary>Where a survey link points: the customer's HTML page, under <c>Lifeline:PublicUrl</c>.</summary>
public static class SurveyLinks
{
    /// <summary>The page's path for a token, e.g. <c>/survey/AbC...</c>.</summary>
    public static string PathFor(string token) => $"/survey/{token}";

    /// <summary>The whole link, from the configured public address (never a request's Host header, which the caller chooses).</summary>
    public static string UrlFor(string publicUrl, string token) => publicUrl.TrimEnd('/') + PathFor(token);
}
