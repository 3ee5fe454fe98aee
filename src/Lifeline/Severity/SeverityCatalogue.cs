using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Severity;

/// <summary>
/// The severity table, for the API and the console alike, and the table and classification rules every database
/// starts with (not demo data: an incident cannot be opened without them). Texts are the seed procedure's table
/// word for word, its spelling included, so the catalogue reads like the document the help desk knows. A change
/// takes its actor and is audited under the actor's name; seeding is audited as the catalogue itself.
/// </summary>
public sealed class SeverityCatalogue(LifelineDbContext db, CurrentActor current, ILogger<SeverityCatalogue> logger)
{
    /// <summary>A week is the outer bound of a target: beyond it a target measures nothing a help desk acts on.</summary>
    private const int MaxTargetMinutes = 7 * 24 * 60;

    public const string HighDefinition =
        "Total customer outage or an outage having an impact on a customer's business, affecting the majority of users or major applications.\n" +
        "Problem affecting the Governor's or Lieutenant Governor's Office.";
    public const string HighExamples =
        "Major Enterprise Services going down:\n• E-mail\n• Internet Access\n• CICS\n• Portal\n• Collect and other critical applications\n• Active Directory\n• Citrix\n• etc.\n" +
        "Public Facing:\n• DMV\n• DCF Hotline going down\n• etc.";
    public const string MediumDefinition = "Problem affecting a small user group. Alternate bypass may be available.";
    public const string MediumExamples =
        "• Degraded performance of any of the Major Enterprises Services\n• Individual Police Departments going down\n" +
        "• Other issues effecting productivity (i.e., Internet Filtering) going down with in DoIT\n" +
        "• Limited set of users to accessing services critical to their service mission\n• etc.";
    public const string LowDefinition = "Problem that is inconvenient and not critical to customer's business. Single user affected.";

    public static IReadOnlyList<SeverityLevel> DefaultLevels() =>
    [
        // Severity 1: acknowledge within 15 minutes so the whole backup chain (three tiers) fits in
        // the contact letter's one hour for high priority; hourly updates; restore within 4 hours.
        new(1, "High", HighDefinition, HighExamples, 15, 60, 240, SeverityProcedure.Escalation),
        // Severity 2 has a bypass and a small group: the contact letter's one hour becomes the
        // acknowledgement target, updates every 4 hours, restore within a day.
        new(2, "Medium", MediumDefinition, MediumExamples, 60, 240, 1440, SeverityProcedure.NormalBusinessProcess),
        // Severity 3 is one inconvenienced user: picked up within a working shift (8 hours), a daily
        // update, resolved within 3 days.
        new(3, "Low", LowDefinition, "", 480, 1440, 4320, SeverityProcedure.NormalBusinessProcess),
    ];

    /// <summary>The seed's examples as rules; the first that matches wins, the last catches everything.</summary>
    public static IReadOnlyList<ClassificationRule> DefaultRules() =>
    [
        new(10, "Governor's or Lieutenant Governor's Office", null, null, true, null, null, 1,
            "{organisation} is a VIP organisation and is affected"),
        new(20, "Major enterprise service down", true, null, null, ServiceState.Down, ImpactScope.MajorityOrTotal, 1,
            "{service} is a major enterprise service and is down for {scope}"),
        new(30, "Public facing service down", null, true, null, ServiceState.Down, ImpactScope.MajorityOrTotal, 1,
            "{service} is a public facing service and is down for {scope}"),
        new(40, "Degraded major enterprise service", true, null, null, ServiceState.Degraded, ImpactScope.SmallGroup, 2,
            "{service} is a major enterprise service with degraded performance for {scope}"),
        // Individual police departments, internet filtering: a service going down that is neither a
        // major enterprise nor a public facing one hurts productivity but has a bypass.
        new(50, "Other service down", null, null, null, ServiceState.Down, ImpactScope.SmallGroup, 2,
            "{service} is down for {scope}, but it is not a major enterprise or public facing service"),
        new(60, "Limited set of users", null, null, null, null, ImpactScope.SmallGroup, 2,
            "{service} is {state} for {scope}"),
        new(70, "Single user", null, null, null, null, null, 3,
            "{service} is {state} for {scope}: inconvenient, not critical to the customer's business"),
    ];

    public async Task SeedIfEmptyAsync(CancellationToken ct)
    {
        var seeded = false;
        if (!await db.SeverityLevels.AnyAsync(ct))
        {
            current.ActAs("severity catalogue");
            db.SeverityLevels.AddRange(DefaultLevels());
            seeded = true;
        }
        if (!await db.ClassificationRules.AnyAsync(ct))
        {
            current.ActAs("severity catalogue");
            db.ClassificationRules.AddRange(DefaultRules());
            seeded = true;
        }
        if (seeded)
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Loaded the default severity catalogue and classification rules");
        }
    }

    public async Task<IReadOnlyList<SeverityLevelView>> ListAsync(CancellationToken ct) =>
        (await db.SeverityLevels.AsNoTracking().OrderBy(l => l.Level).ToListAsync(ct)).Select(View).ToList();

    public async Task<Outcome<SeverityLevelView>> GetAsync(int level, CancellationToken ct) =>
        await db.SeverityLevels.AsNoTracking().FirstOrDefaultAsync(l => l.Level == level, ct) is { } found
            ? View(found)
            : Refusal.NotFound("severity level", level);

    /// <summary>Changes a level's texts, targets or procedure; the level number itself is the key and stays.</summary>
    public async Task<Outcome<SeverityLevelView>> UpdateAsync(Actor actor, int level, SeverityLevelRequest request, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "change the severity catalogue") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var found = await db.SeverityLevels.FirstOrDefaultAsync(l => l.Level == level, ct);
        if (found is null)
        {
            return Refusal.NotFound("severity level", level);
        }
        var examples = string.Join('\n', (request.Examples ?? []).Select(e => e.Trim()).Where(e => e.Length > 0));
        var v = new Validator().Required("name", request.Name, 64).Required("definition", request.Definition, 4000);
        if (examples.Length > 4000)
        {
            v.Add("examples", "examples are at most 4000 characters together.");
        }
        Minutes(v, "acknowledgeWithinMinutes", request.AcknowledgeWithinMinutes);
        Minutes(v, "statusUpdateEveryMinutes", request.StatusUpdateEveryMinutes);
        Minutes(v, "resolveWithinMinutes", request.ResolveWithinMinutes);
        if (request.Procedure is { } procedure && !Enum.IsDefined(procedure))
        {
            v.Add("procedure", $"procedure is one of {string.Join(", ", Enum.GetNames<SeverityProcedure>())}.");
        }
        if (!v.IsValid)
        {
            return Refusal.Invalid(v.Errors);
        }
        found.Update(request.Name, request.Definition, examples, request.AcknowledgeWithinMinutes ?? found.AcknowledgeWithinMinutes,
            request.StatusUpdateEveryMinutes ?? found.StatusUpdateEveryMinutes, request.ResolveWithinMinutes ?? found.ResolveWithinMinutes,
            request.Procedure ?? found.Procedure);
        await db.SaveChangesAsync(ct);
        return View(found);
    }

    private static SeverityLevelView View(SeverityLevel l) => new(l.Level, l.Name, l.Definition,
        l.Examples.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        l.AcknowledgeWithinMinutes, l.StatusUpdateEveryMinutes, l.ResolveWithinMinutes, l.Procedure);

    private static void Minutes(Validator v, string field, int? minutes)
    {
        if (minutes is { } m && m is < 1 or > MaxTargetMinutes)
        {
            v.Add(field, $"{field} is between 1 and {MaxTargetMinutes} minutes.");
        }
    }
}
