using Lifeline.Access;
using System.Globalization;
using Lifeline.Api;
using Lifeline.Console.Widgets;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.Admin;

/// <summary>The audit log for administrators: the filters from the address, the entries from <see cref="AccessLogs"/> as the API gives them.</summary>
public partial class AuditLogPage
{
    private const int PageSize = 50;

    [Inject] private ConsoleSession Session { get; set; } = default!;

    [SupplyParameterFromQuery] private string? Actor { get; set; }
    [SupplyParameterFromQuery] private string? EntityType { get; set; }
    [SupplyParameterFromQuery] private Guid? EntityId { get; set; }
    [SupplyParameterFromQuery] private string? From { get; set; }
    [SupplyParameterFromQuery] private string? To { get; set; }
    [SupplyParameterFromQuery(Name = "page")] private int? PageNumber { get; set; }

    private IReadOnlyList<string> _kinds = [];
    private Page<AuditEntryView>? _page;
    private Problem? _problem;
    private AuditLogFilter _filter = new();

    protected override async Task OnInitializedAsync()
    {
        _kinds = await Session.RunAsync<AccessLogs, IReadOnlyList<string>>((logs, _) => logs.EntityTypesAsync(CancellationToken.None));
        var dates = LogFilterDates.Parse(From, To);
        if (dates.Problem is { } problem)
        {
            _problem = problem;
            return;
        }
        _filter = new AuditLogFilter { Actor = Actor, EntityType = EntityType, EntityId = EntityId, From = dates.From, To = dates.To };
        var query = new PageQuery { Page = PageNumber, PageSize = PageSize };
        var outcome = await Session.RunAsync<AccessLogs, Outcome<Page<AuditEntryView>>>((logs, actor) => logs.AuditAsync(actor, _filter, query, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        _page = outcome.Value;
    }

    /// <summary>The same question to the API, whose from and to are instants: the start of From's day and the end of To's, in UTC.</summary>
    private string Csv => "/api/v1/audit-log?" + LogLinks.Query(("actor", Actor), ("entityType", EntityType), ("entityId", EntityId?.ToString()),
        ("from", LogLinks.Instant(_filter.From)), ("to", LogLinks.Instant(_filter.To)), ("format", "csv"));

    private string Link(int page, bool entityId = true) => "/admin/audit-log?" + LogLinks.Query(("actor", Actor), ("entityType", EntityType),
        ("entityId", entityId ? EntityId?.ToString() : null), ("from", From), ("to", To), ("page", page.ToString(CultureInfo.InvariantCulture)));

    private static string RecordLink(Guid id) => "/admin/audit-log?entityId=" + id;

    private static string Count(Page<AuditEntryView> page) => page.Total == 1 ? "1 entry" : $"{page.Total.ToString("N0", CultureInfo.InvariantCulture)} entries";

    private static string Short(Guid id) => id.ToString()[..8];

    private string? Described(string field) => _problem?.For(field).Any() == true ? $"audit-{field}-error" : null;

    private string? Invalid(string field) => _problem?.For(field).Any() == true ? "true" : null;
}
