namespace Lifeline.Templates;

/// <summary>
/// In an HTML body every value is already encoded before the template sees it, so <c>escape</c> and <c>h</c>,
/// which a careful admin may have written, encode only what is not yet encoded rather than a second time.
/// </summary>
internal static class HtmlFilters
{
    public static string Escape(string input) => BoundedFilters.EscapeOnce(input);

    public static string H(string input) => BoundedFilters.EscapeOnce(input);
}
