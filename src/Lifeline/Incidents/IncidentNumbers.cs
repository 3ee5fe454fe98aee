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
public sealed class IncidentNumbers(LifelineDbContext db)
{
    public async Task<string> NextAsync(int year, CancellationToken ct)
    {
        await db.Database.ExecuteSqlRawAsync(
            "INSERT INTO \"IncidentNumberCounters\" (\"Year\", \"Value\") VALUES ({0}, 0) ON CONFLICT (\"Year\") DO NOTHING", [year], ct);
        var values = await db.Database.SqlQueryRaw<long>(
            "UPDATE \"IncidentNumberCounters\" SET \"Value\" = \"Value\" + 1 WHERE \"Year\" = {0} RETURNING \"Value\"", year).ToListAsync(ct);
        return Format(year, values.Single());
    }

    public static string Format(int year, long value) => $"INC-{year}-{value:D6}";
}
