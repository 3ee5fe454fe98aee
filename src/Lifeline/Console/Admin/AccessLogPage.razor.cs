using Lifeline.Access;
using System.Globalization;
using Lifeline.Api;
using Lifeline.Console.Widgets;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Admin;

/// <summary>The contact access log for administrators: who read whose details when, from <see cref="AccessLogs"/> as the API gives it.</summary>
public partial class AccessLogPage
{
    private const int PageSize = 50;

    [Inject] private ConsoleSession Session { get; set; } = default!;

    [SupplyParameterFromQuery] private string? Actor { get; set; }
    [SupplyParameterFromQuery] private string? Person { get; set; }
    [SupplyParameterFromQuery] private string? From { get; set; }
    [SupplyParameterFromQuery] private string? To { get; set; }
    [SupplyParameterFromQuery(Name = "page")] private int? PageNumber { get; set; }

    private Page<ContactAccessView>? _page;
    private Problem? _problem;
    private AccessLogFilter _filter = new();

    protected override async Task OnInitializedAsync()
    {
        var dates = LogFilterDates.Parse(From, To);
        if (dates.Problem is { } problem)
        {
            _problem = problem;
            return;
        }
        _filter = new AccessLogFilter { Actor = Actor, Person = Person, From = dates.From, To = dates.To };
        var query = new PageQuery { Page = PageNumber, PageSize = PageSize };
        var outcome = await Session.RunAsync<AccessLogs, Outcome<Page<ContactAccessView>>>((logs, actor) => logs.AccessAsync(actor, _filter, query, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        _page = outcome.Value;
    }

    private string Csv => "/api/v1/access-log?" + LogLinks.Query(("actor", Actor), ("person", Person),
        ("from", LogLinks.Instant(_filter.From)), ("to", LogLinks.Instant(_filter.To)), ("format", "csv"));

    private string Link(int page) => "/admin/access-log?" + LogLinks.Query(("actor", Actor), ("person", Person), ("from", From), ("to", To),
        ("page", page.ToString(CultureInfo.InvariantCulture)));

    private static string Count(Page<ContactAccessView> page) => page.Total == 1 ? "1 read" : $"{page.Total.ToString("N0", CultureInfo.InvariantCulture)} reads";

    private string? Described(string field) => _problem?.For(field).Any() == true ? $"access-{field}-error" : null;

    private string? Invalid(string field) => _problem?.For(field).Any() == true ? "true" : null;
}
