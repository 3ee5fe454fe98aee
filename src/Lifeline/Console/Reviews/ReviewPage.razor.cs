using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Directory.People;
using Lifeline.Incidents;
using Lifeline.Reviews;
using Lifeline.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Console.Reviews;

/// <summary>
/// An incident's post-incident review as the review service gives it, with its Markdown export beside it; for incident
/// managers and admins (the roles the review service lets write), the form that writes or revises it.
/// </summary>
public partial class ReviewPage
{
    /// <summary>The most timeline entries the form offers to pick from: the service takes at most 200 excerpts.</summary>
    private const int TimelineShown = 500;

    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Parameter] public string Number { get; set; } = "";

    private ReviewView? _review;
    private bool _canWrite;
    private bool _incidentFound;
    private IReadOnlyList<TimelineEntryView> _timeline = [];
    private IReadOnlyList<PersonSummary> _people = [];

    protected override async Task OnParametersSetAsync()
    {
        _review = (await Session.RunAsync<ReviewService, Outcome<ReviewView>>((r, _) => r.GetAsync(Number, CancellationToken.None))).Value;
        var actor = await Session.ActorAsync();
        _canWrite = actor.IsInAnyRole([.. LifelineRoles.IncidentRunners]);
        if (!_canWrite)
        {
            return;
        }
        var number = IncidentNumbers.Normalise(Number);
        _timeline = await Session.RunAsync<LifelineDbContext, IReadOnlyList<TimelineEntryView>>(async (db, _) =>
            await db.Incidents.AsNoTracking().Where(i => i.Number == number).Select(i => (Guid?)i.Id).FirstOrDefaultAsync() is { } id
                ? await IncidentViews.Timeline(db, id).Take(TimelineShown).ToListAsync()
                : []);
        _incidentFound = _review is not null || await Session.RunAsync<LifelineDbContext, bool>((db, _) => db.Incidents.AnyAsync(i => i.Number == number));
        var all = new PageQuery { PageSize = PageQuery.MaxPageSize };
        _people = (await Session.RunAsync<PersonDirectory, Outcome<Page<PersonSummary>>>((d, _) => d.ListAsync(all, CancellationToken.None))).Value?.Items ?? [];
    }

    private void OnSaved(ReviewView saved) => _review = saved;
}
