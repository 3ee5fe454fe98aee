namespace Lifeline.Bench.Resilience;

public sealed record AuditResult(int Accepted, int Lost, int DueNotDone, int StepsChecked, int PagesMissing, int DuplicatePages, int DuplicateRuns)
{
    public bool Ok => Lost == 0 && DueNotDone == 0 && PagesMissing == 0 && DuplicatePages == 0 && DuplicateRuns == 0 && StepsChecked > 0;

    public override string ToString() =>
        $"{Accepted} incidents accepted, {Lost} lost; {DueNotDone} due steps not done; {StepsChecked} tier steps checked, {PagesMissing} pages missing; " +
        $"{DuplicatePages} duplicate pages, {DuplicateRuns} duplicate escalations";
}

/// <summary>
/// What the database must show after crashes: every incident the API accepted is there; every engine
/// job due before the cut-off is done; every escalation step carried out has its page in the outbox
/// (the idempotency key the engine gives it); no page and no escalation twice.
/// </summary>
public static class EscalationAudit
{
    public static async Task<AuditResult> CheckAsync(BenchDatabase db, EscalationFixture fixture, IReadOnlyCollection<Guid> accepted, DateTimeOffset cutoff)
    {
        var incidents = (await db.QueryAsync("SELECT \"Id\" FROM \"Incidents\"")).Select(r => BenchDatabase.Id(r[0])).ToHashSet();
        var lost = accepted.Count(id => !incidents.Contains(id));

        var jobs = (await db.QueryAsync("SELECT \"IncidentId\", \"Kind\", \"FenceKey\", \"DueAt\", \"DoneAt\", \"Outcome\" FROM \"EngineJobs\""))
            .Select(r => (Incident: BenchDatabase.Id(r[0]), Kind: (string)r[1]!, Fence: (string)r[2]!, Due: BenchDatabase.Instant(r[3])!.Value,
                Done: BenchDatabase.Instant(r[4]), Outcome: r[5] as string))
            .ToList();
        var dueNotDone = jobs.Count(j => j.Due < cutoff && j.Done is null);

        var keys = (await db.QueryAsync("SELECT \"IdempotencyKey\", \"IncidentId\" FROM \"Notifications\"")).Select(r => (string)r[0]!).ToList();
        var keySet = keys.ToHashSet();
        var steps = jobs.Where(j => j.Kind == "EscalationStep" && j.Done is not null && j.Outcome is { } o && o.StartsWith("paged", StringComparison.Ordinal)).ToList();
        var missing = steps.Count(s => !keySet.Contains($"{s.Fence}:{fixture.PersonId:N}:{fixture.Channel}"));
        // Every step the engine scheduled and that was due was carried out as a page: none was marked
        // done some other way (the escalations here are never acknowledged).
        var notPaged = jobs.Count(j => j.Kind == "EscalationStep" && j.Due < cutoff && j.Done is not null && !(j.Outcome ?? "").StartsWith("paged", StringComparison.Ordinal));

        var runs = (await db.QueryAsync("SELECT \"IncidentId\" FROM \"EscalationRuns\"")).Select(r => BenchDatabase.Id(r[0])).ToList();
        var duplicateRuns = runs.Count - runs.Distinct().Count();
        // The outbox's unique key makes a duplicate row impossible; a page counted twice would show as two
        // keys for one step, which the fence keys rule out too. Counted anyway: that is the claim under test.
        var duplicatePages = keys.Count - keySet.Count;
        return new AuditResult(accepted.Count, lost, dueNotDone, steps.Count, missing + notPaged, duplicatePages, duplicateRuns);
    }

    /// <summary>How long the engine took past the due time (or past <paramref name="from"/>) for jobs due after <paramref name="from"/>.</summary>
    public static async Task<double> WorstDelayAfterAsync(BenchDatabase db, DateTimeOffset from, DateTimeOffset until)
    {
        var rows = await db.QueryAsync("SELECT \"DueAt\", \"DoneAt\" FROM \"EngineJobs\" WHERE \"DoneAt\" IS NOT NULL");
        var worst = 0.0;
        foreach (var row in rows)
        {
            var due = BenchDatabase.Instant(row[0])!.Value;
            var done = BenchDatabase.Instant(row[1])!.Value;
            if (done >= from && due <= until)
            {
                var start = due > from ? due : from;
                worst = Math.Max(worst, (done - start).TotalSeconds);
            }
        }
        return worst;
    }
}
