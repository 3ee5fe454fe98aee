using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Shifts;

/// <summary>Finds the organisation's one shift calendar.</summary>
public static class ShiftCalendars
{
    /// <summary>
    /// The one calendar (start-up makes sure it exists). Never saves: the engine asks from inside
    /// other units of work, which must commit only their own changes.
    /// </summary>
    public static async Task<ShiftCalendar> CurrentAsync(LifelineDbContext db, CancellationToken ct) =>
        await db.ShiftCalendars.OrderBy(c => c.Id).FirstOrDefaultAsync(ct) ?? ShiftCalendar.Default("UTC");

    /// <summary>Creates the default calendar (Mon-Fri 08:00-17:00 UTC) in a database that has none.</summary>
    public static async Task EnsureAsync(LifelineDbContext db, CancellationToken ct)
    {
        if (!await db.ShiftCalendars.AnyAsync(ct))
        {
            db.ShiftCalendars.Add(ShiftCalendar.Default("UTC"));
            await db.SaveChangesAsync(ct);
        }
    }
}
