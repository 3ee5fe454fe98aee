using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Incidents;

/// <summary>
/// Hands out incident numbers from a counter row in the database, so two server instances never
/// give the same number. The increment is a single UPDATE ... RETURNING (atomic on SQLite and
/// PostgreSQL alike) committed on its own, before the incident: the counter row is locked for one
/// statement instead of a whole open, and an open that fails afterwards leaves a gap in the
/// numbers, never a duplicate.
/// </summary>
public sealed partial class IncidentNumbers(LifelineDbContext db)
{
    public async Task<string> NextAsync(int year, CancellationToken ct)
    {
        // The year's row exists for every open but the first of a year: try the increment alone, and
        // create the row only when it is missing (one write per open instead of two).
        if (await IncrementAsync(year, ct) is { } value)
        {
            return Format(year, value);
        }
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"IncidentNumberCounters\" (\"Year\", \"Value\") VALUES ({0}, 0) ON CONFLICT (\"Year\") DO NOTHING", [year], ct);
        return Format(year, await IncrementAsync(year, ct) ?? throw new InvalidOperationException($"The incident number counter for {year} is missing."));
    }

    private async Task<long?> IncrementAsync(int year, CancellationToken ct)
    {
        var values = await db.Database.SqlQueryRaw<long>(
            "UPDATE \"IncidentNumberCounters\" SET \"Value\" = \"Value\" + 1 WHERE \"Year\" = {0} RETURNING \"Value\"", year).ToListAsync(ct);
        return values.Count == 0 ? null : values[0];
    }

    public static string Format(int year, long value) => $"INC-{year}-{value:D6}";

    /// <summary>
    /// The one place an incident number from outside (a URL, a CLI argument, an SMS reply) is read: case and padding do not
    /// matter, and the prefix may be left out. <c>inc-2026-000123</c>, <c>INC-2026-123</c> and <c>2026-123</c> are all
    /// <c>INC-2026-000123</c>. Anything else is returned trimmed and upper-cased, and matches no incident.
    /// </summary>
    public static string Normalise(string? number)
    {
        var text = (number ?? "").Trim().ToUpperInvariant();
        var match = NumberPattern().Match(text);
        return match.Success && int.TryParse(match.Groups["year"].Value, out var year) && long.TryParse(match.Groups["seq"].Value, out var seq) && seq > 0
            ? Format(year, seq)
            : text;
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(?:INC[-\s]?)?(?<year>\d{4})[-\s](?<seq>\d{1,12})$")]
    private static partial System.Text.RegularExpressions.Regex NumberPattern();
}
