using Lifeline.Access;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Templates;

/// <summary>
/// Puts the default templates into every database (not only demo ones: the engine cannot send a
/// page without them). Only missing keys are added, so an admin's edits survive every restart and
/// a template added in a later version appears on its own.
/// </summary>
public sealed class TemplateCatalogue(LifelineDbContext db, CurrentActor actor, TimeProvider time, ILogger<TemplateCatalogue> logger)
{
    public async Task SeedMissingAsync(CancellationToken ct)
    {
        var present = await db.MessageTemplates.Select(t => t.Key).ToListAsync(ct);
        var missing = DefaultTemplates.All.Where(d => !present.Contains(d.Key)).ToList();
        if (missing.Count == 0)
        {
            return;
        }
        actor.ActAs("template catalogue");
        var now = time.GetUtcNow();
        db.MessageTemplates.AddRange(missing.Select(d => new MessageTemplate(d.Key, d.Description, d.Subject, d.TextBody, null, d.ShortForm, "template catalogue", now)));
        await db.SaveChangesAsync(ct);
        if (logger.IsEnabled(LogLevel.Information))
        {
            logger.LogInformation("Loaded {Count} default message templates: {Keys}", missing.Count, string.Join(", ", missing.Select(d => d.Key)));
        }
    }
}
