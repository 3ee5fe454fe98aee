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

    /// <summary>
    /// One page of entities turned into views a page at a time, for views that need more than one
    /// query (holders' names, managers, teams): the views are loaded for this page only.
    /// </summary>
    public static async Task<Page<T>> ReadAsync<TEntity>(IQueryable<TEntity> ordered, PageQuery query, Func<IReadOnlyList<TEntity>, Task<List<T>>> view, CancellationToken cancellationToken)
    {
        var total = await ordered.CountAsync(cancellationToken);
        var items = await ordered.Skip((query.PageNumber - 1) * query.Size).Take(query.Size).ToListAsync(cancellationToken);
        return new Page<T>(await view(items), query.PageNumber, query.Size, total);
    }

    /// <summary>The same, one view per entity.</summary>
    public static Task<Page<T>> ReadAsync<TEntity>(IQueryable<TEntity> ordered, PageQuery query, Func<TEntity, Task<T>> view, CancellationToken cancellationToken) =>
        ReadAsync(ordered, query, async items =>
        {
            var views = new List<T>(items.Count);
            foreach (var item in items)
            {
                views.Add(await view(item));
            }
            return views;
        }, cancellationToken);
}
