using Lifeline.Directory.People;
using Lifeline.Notifications.Webhooks;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifeline.Tests.Directory;

/// <summary>The demo organisation: fictitious, valid, and complete enough to escalate a Severity 1 incident.</summary>
public sealed class DemoOrganisationTests
{
    // The seed writes "CIO" and "DCIO"; the demo spells the titles out. Either name is the role.
    private static readonly string[][] ChainRoles =
    [
        ["Incident Manager 1"], ["Incident Manager 1 Primary Backup"], ["Director of Operations"],
        ["CIO", "Chief Information Officer"], ["DCIO", "Deputy Chief Information Officer"],
        ["Help Desk Technician (Level 1)"], ["Network Administrator"],
    ];

    // Real people, numbers and domains from the seed documents.
    private static readonly string[] FromSeeds =
    [
        "Hal Clark", "Hal.Clark", "Lisa Johnson", "Robert Smith", "860-622", "+1860622", "860622", "po.state.ct.us", "ct.gov", "company.com",
        "+15551234567", "+15559876543", "+15553217654",
    ];

    [Theory, DatabaseData]
    public async Task DemoOrganisation_ContactValues_AreValidAndFictitious(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        await using var db = server.Database.CreateContext();
        var rules = new ContactValueRules(Options.Create(new LifelineOptions()), Options.Create(new WebhookOptions()));
        var methods = await db.ContactMethods.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        var teams = await db.Teams.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.True(methods.Count > 50, $"only {methods.Count} contact methods");

        var phones = methods.Where(m => m.IsPhone).Select(m => m.Value).Concat(teams.Where(t => t.Phone is not null).Select(t => t.Phone!)).ToList();
        var emails = methods.Where(m => m.Kind == ContactMethodKind.Email).Select(m => m.Value).Concat(teams.Where(t => t.Email is not null).Select(t => t.Email!)).ToList();
        Assert.NotEmpty(phones);
        Assert.NotEmpty(emails);
        Assert.All(phones, phone =>
        {
            Assert.True(rules.TryPhone(phone, out var normalised, out var error), $"{phone}: {error}");
            Assert.Equal(phone, normalised);
            Assert.Matches(@"^\+1\d{3}5550\d{3}$", phone); // 555-01xx: reserved for fiction
        });
        Assert.All(emails, email =>
        {
            Assert.True(ContactValueRules.TryEmail(email, out _, out var error), error);
            Assert.EndsWith("@example.org", email, StringComparison.Ordinal);
        });
    }

    [Theory, DatabaseData]
    public async Task DemoOrganisation_Text_ContainsNoRealContactFromTheSeeds(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        await using var db = server.Database.CreateContext();
        var ct = TestContext.Current.CancellationToken;
        var text = string.Join("\n",
            (await db.People.AsNoTracking().ToListAsync(ct)).Select(p => $"{p.Name} {p.Title} {p.Notes}")
            .Concat((await db.ContactMethods.AsNoTracking().ToListAsync(ct)).Select(m => $"{m.Value} {m.Label}"))
            .Concat((await db.DirectoryRoles.AsNoTracking().ToListAsync(ct)).Select(r => $"{r.Name} {r.Responsibilities}"))
            .Concat((await db.Teams.AsNoTracking().ToListAsync(ct)).Select(t => $"{t.Name} {t.Description} {t.Phone} {t.Email}"))
            .Concat((await db.ServiceAreas.AsNoTracking().ToListAsync(ct)).Select(a => $"{a.Name} {a.Description}"))
            .Concat((await db.Services.AsNoTracking().ToListAsync(ct)).Select(s => $"{s.Name} {s.Description}")));
        Assert.True(text.Length > 1000);
        Assert.All(FromSeeds, real => Assert.DoesNotContain(real, text, StringComparison.OrdinalIgnoreCase));
    }

    [Theory, DatabaseData]
    public async Task DemoOrganisation_Severity1Chain_RolesHaveHoldersAndAreasHaveManagers(DatabaseProvider provider)
    {
        await using var server = await LifelineServer.StartAsync(provider);
        await using var db = server.Database.CreateContext();
        var ct = TestContext.Current.CancellationToken;
        var roles = await db.DirectoryRoles.AsNoTracking().Include(r => r.Holders).ToListAsync(ct);
        var people = await db.People.AsNoTracking().Select(p => p.Id).ToListAsync(ct);
        foreach (var names in ChainRoles)
        {
            var role = roles.SingleOrDefault(r => names.Contains(r.Name));
            Assert.True(role is not null, $"The demo organisation lacks the role {names[0]}; it has {string.Join(", ", roles.Select(r => r.Name))}.");
            Assert.NotEmpty(role.Holders);
            Assert.All(role.Holders, h => Assert.Contains(h.PersonId, people));
        }
        var areas = await db.ServiceAreas.AsNoTracking().Include(a => a.DefaultTeams).ToListAsync(ct);
        Assert.True(areas.Count >= 4);
        Assert.All(areas, a =>
        {
            Assert.Contains(a.ManagerId, people);
            Assert.NotEmpty(a.DefaultTeams);
        });
        var services = await db.Services.AsNoTracking().ToListAsync(ct);
        Assert.All(services, s => Assert.Contains(s.ServiceAreaId, areas.Select(a => a.Id)));
        Assert.Contains(services, s => s.Name == "DMV" && s.IsPublicFacing);
        Assert.Contains(services, s => s.Name == "E-mail" && s.IsMajorEnterpriseService);
    }
}
