using System.CommandLine;
using System.Globalization;

namespace Lifeline.Cli.Commands;

/// <summary>The paging and search parameters every list endpoint takes.</summary>
public static class ListOptions
{
    public static Option<int?> Page() => new("--page") { Description = "Which page of the list (pages of 50)" };

    public static string Query(string resource, string? search, int? page, int? pageSize = null)
    {
        var parameters = new List<string>();
        if (!string.IsNullOrWhiteSpace(search))
        {
            parameters.Add("q=" + Uri.EscapeDataString(search.Trim()));
        }
        if (page is { } p)
        {
            parameters.Add("page=" + p.ToString(CultureInfo.InvariantCulture));
        }
        if (pageSize is { } size)
        {
            parameters.Add("pageSize=" + size.ToString(CultureInfo.InvariantCulture));
        }
        return parameters.Count == 0 ? resource : $"{resource}?{string.Join('&', parameters)}";
    }
}
