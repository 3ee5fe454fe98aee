namespace Lifeline.Api;

/// <summary>Paging and search parameters shared by list endpoints (<c>?page=1&amp;pageSize=50&amp;q=text</c>).</summary>
public sealed record PageQuery
{
    public int? Page { get; init; }
    public int? PageSize { get; init; }
    public string? Q { get; init; }

    public const int MaxPageSize = 200;

    /// <summary>Far beyond any list's end; it keeps (page - 1) × pageSize inside an int (page=2147483647 once wrapped round to page 1).</summary>
    public const int MaxPage = 1_000_000;

    public int PageNumber => Page ?? 1;
    public int Size => PageSize ?? 50;
    public string? Search => string.IsNullOrWhiteSpace(Q) ? null : Q.Trim().ToLowerInvariant();

    public Dictionary<string, string[]>? Validate()
    {
        var errors = new Dictionary<string, string[]>();
        if (PageNumber is < 1 or > MaxPage)
        {
            errors["page"] = [$"page is between 1 and {MaxPage}."];
        }
        if (Size is < 1 or > MaxPageSize)
        {
            errors["pageSize"] = [$"pageSize must be between 1 and {MaxPageSize}."];
        }
        if (Q is { Length: > 200 })
        {
            errors["q"] = ["q is at most 200 characters."];
        }
        return errors.Count == 0 ? null : errors;
    }
}
