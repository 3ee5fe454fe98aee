using Microsoft.EntityFrameworkCore;

namespace Lifeline.Api;

/// <summary>One page of a list, with the total so clients can page on.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    public static async Task<Page<T>> ReadAsync(IQueryable<T> ordered, PageQuery query, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var items = await ordered.Skip((query.PageNumber - 1) * query.Size).Take(query.Size).ToListAsync(cancellationToken);
        return new Page<T>(items, query.PageNumber, query.Size, total);
    }
}
