using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Reports;

/// <summary>What customers answered to the satisfaction survey in a period: the average, how many gave each rating, the comments.</summary>
public sealed class SatisfactionReports(LifelineDbContext db, TimeProvider time)
{
    public async Task<Outcome<SatisfactionReport>> SatisfactionAsync(ReportQuery query, CancellationToken ct)
    {
        var parsed = await ReportPeriod.ParseAsync(query, db, time, ct);
        if (parsed.Refusal is { } refusal)
        {
            return refusal;
        }
        var period = parsed.Value!;
        var (start, end) = (period.Start, period.End);
        var answers = (await (from s in db.SurveyInvitations.AsNoTracking()
                              join i in db.Incidents.AsNoTracking() on s.IncidentId equals i.Id
                              where !i.IsDrill && s.AnsweredAt != null && s.Rating != null && s.AnsweredAt >= start && s.AnsweredAt < end
                              select new { i.Number, s.AnsweredAt, s.Rating, s.Comment }).ToListAsync(ct))
            .OrderBy(a => a.AnsweredAt).Select(a => new SatisfactionAnswer(a.Number, a.AnsweredAt!.Value, a.Rating!.Value, a.Comment)).ToList();
        var distribution = Enumerable.Range(1, 5).Select(r => new RatingCount(r, answers.Count(a => a.Rating == r))).ToList();
        double? average = answers.Count == 0 ? null : Percentiles.Round(answers.Average(a => a.Rating));
        return new SatisfactionReport(period.From, period.To, period.TimeZone, answers.Count, average, distribution, answers);
    }
}
