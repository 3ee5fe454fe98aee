using Lifeline.Access;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Severity;

/// <summary>
/// The severity table and classification rules every database starts with (not demo data: an
/// incident cannot be opened without them). Texts are the seed procedure's table word for word,
/// its spelling included, so the catalogue reads like the document the help desk knows.
/// </summary>
public sealed class SeverityCatalogue(LifelineDbContext db, CurrentActor actor, ILogger<SeverityCatalogue> logger)
{
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
            actor.ActAs("severity catalogue");
            db.SeverityLevels.AddRange(DefaultLevels());
            seeded = true;
        }
        if (!await db.ClassificationRules.AnyAsync(ct))
        {
            actor.ActAs("severity catalogue");
            db.ClassificationRules.AddRange(DefaultRules());
            seeded = true;
        }
        if (seeded)
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Loaded the default severity catalogue and classification rules");
        }
    }
}
