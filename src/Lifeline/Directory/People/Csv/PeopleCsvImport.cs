using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Directory.People.Csv;

/// <summary>
/// Imports people and their contact methods from a CSV file (<see cref="PeopleCsv"/>), all or nothing, the way
/// <see cref="ConfigAsCode.ConfigImport"/> imports YAML: one transaction, the same validation, normalisation and audit as
/// <see cref="PersonDirectory"/>, and a preview that goes through the same steps, writes included, and rolls back.
/// <para>
/// A row names an existing person when one of its e-mail addresses is theirs, or else when it has their name (ignoring
/// case); that person is updated, never duplicated. An import adds and changes, never removes: an empty cell keeps what
/// the person has, contact methods, teams and roles the row does not list are kept, new ones are added (as a member, not
/// a lead; as the last holder of a role).
/// </para>
/// </summary>
public sealed class PeopleCsvImport(IServiceScopeFactory scopes)
{
    public async Task<Outcome<PeopleImportView>> ImportAsync(Actor actor, string text, bool apply, CancellationToken ct)
    {
        if (actor.Lacks(LifelineRoles.Administrators, "import people") is { } refused)
        {
            return refused;
        }
        var read = PeopleCsv.Read(text);
        if (read.Refusal is { } unreadable)
        {
            return unreadable;
        }
        await using var outer = scopes.CreateAsyncScope();
        var strategy = outer.ServiceProvider.GetRequiredService<LifelineDbContext>().Database.CreateExecutionStrategy();
        return await strategy.ExecuteAsync(async () =>
        {
            // A fresh scope per attempt: a retried attempt must not see the tracked state of a failed one.
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().Use(actor);
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var directory = await ImportDirectory.ReadAsync(db, ct);
            var plan = new ImportPlanner(scope.ServiceProvider.GetRequiredService<ContactValueRules>(), directory).Plan(read.Value!);
            if (plan.All(r => r.Errors.Count == 0))
            {
                await WriteAsync(scope.ServiceProvider, db, plan, ct);
            }
            var view = View(plan, applied: false);
            if (apply && view.RowsWithErrors == 0 && (view.Created > 0 || view.Updated > 0))
            {
                await transaction.CommitAsync(ct);
                return new Outcome<PeopleImportView>(View(plan, applied: true), null);
            }
            await transaction.RollbackAsync(ct);
            return new Outcome<PeopleImportView>(view, null);
        });
    }

    /// <summary>
    /// Makes the planned changes. Every row is checked again by the request types' own rules (<see cref="PersonRequest.Validate"/>,
    /// <see cref="ContactMethodRequest.Validate"/>, the same as <see cref="PersonDirectory"/>'s) and changed through the entities'
    /// methods, then saved once: <see cref="PersonDirectory.CreateAsync"/> per row costs three round trips a person, which made
    /// a preview of a few hundred rows take longer than a client waits on a loaded server. The audit interceptor records each
    /// change under the importing admin's name all the same.
    /// </summary>
    private static async Task WriteAsync(IServiceProvider services, LifelineDbContext db, IReadOnlyList<PlannedRow> plan, CancellationToken ct)
    {
        var rules = services.GetRequiredService<ContactValueRules>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var updating = plan.Where(r => r.Action == ImportRowAction.Update).Select(r => r.PersonId!.Value).ToList();
        var existing = updating.Count == 0 ? []
            : await db.People.Include(p => p.ContactMethods).Where(p => updating.Contains(p.Id)).ToDictionaryAsync(p => p.Id, ct);
        foreach (var row in plan.Where(r => r.Action is ImportRowAction.Create or ImportRowAction.Update))
        {
            var creating = row.Action == ImportRowAction.Create;
            var validation = row.Request.Validate(rules, creating);
            foreach (var (i, method) in row.NewMethods.Index())
            {
                method.Validate(rules, validation, $"contactMethods[{i}].");
            }
            if (!validation.IsValid)
            {
                row.Errors.AddRange(validation.Errors.SelectMany(e => e.Value));
                continue;
            }
            var request = row.Request;
            if (creating)
            {
                var person = new Person(request.Name, request.Title, request.TimeZone ?? "UTC", request.Notes, now);
                Add(person, request.ContactMethods ?? [], rules);
                db.People.Add(person);
                row.PersonId = person.Id;
            }
            else
            {
                var person = existing[row.PersonId!.Value];
                if (row.PersonChanged)
                {
                    person.Update(request.Name, request.Title, request.TimeZone ?? person.TimeZone, request.Notes, now);
                }
                Add(person, row.NewMethods, rules);
            }
        }
        if (plan.Any(r => r.Errors.Count > 0))
        {
            return;
        }
        // Memberships once every new person has an id; the entities keep their own rules (order, one membership each).
        var teamIds = plan.SelectMany(r => r.NewTeams).Select(t => t.Id).ToHashSet();
        foreach (var team in await db.Teams.Include(t => t.Members).Where(t => teamIds.Contains(t.Id)).ToListAsync(ct))
        {
            var joining = plan.Where(r => r.NewTeams.Any(t => t.Id == team.Id)).Select(r => (r.PersonId!.Value, false));
            team.SetMembers([.. team.Members.Select(m => (m.PersonId, m.IsLead)), .. joining]);
        }
        var roleIds = plan.SelectMany(r => r.NewRoles).Select(t => t.Id).ToHashSet();
        foreach (var role in await db.DirectoryRoles.Include(r => r.Holders).Where(r => roleIds.Contains(r.Id)).ToListAsync(ct))
        {
            var holding = plan.Where(r => r.NewRoles.Any(t => t.Id == role.Id)).Select(r => r.PersonId!.Value);
            role.SetHolders([.. role.Holders.OrderBy(h => h.Position).Select(h => h.PersonId), .. holding]);
        }
        await db.SaveChangesAsync(ct);
    }

    private static void Add(Person person, IEnumerable<ContactMethodRequest> methods, ContactValueRules rules)
    {
        foreach (var m in methods)
        {
            person.AddContactMethod(m.Kind!.Value, m.Normalised(rules), m.Label, m.CanSms ?? true, m.CanVoice ?? true, m.Priority ?? 0);
        }
    }

    private static PeopleImportView View(IReadOnlyList<PlannedRow> plan, bool applied)
    {
        var errors = plan.Count(r => r.Errors.Count > 0);
        var rows = plan.Select(r => new ImportRowView(r.Line, r.Name, r.Errors.Count > 0 ? ImportRowAction.Error : r.Action, r.Changes, r.Errors)).ToList();
        var created = rows.Count(r => r.Action == ImportRowAction.Create);
        var updated = rows.Count(r => r.Action == ImportRowAction.Update);
        var unchanged = rows.Count(r => r.Action == ImportRowAction.Unchanged);
        var summary = errors > 0
            ? $"{errors} of {rows.Count} row(s) have errors; nothing was stored. Correct them and import the file again."
            : created + updated == 0 ? $"Nothing to store: all {unchanged} row(s) match the directory."
            : $"{created} to create, {updated} to update, {unchanged} unchanged" + (applied ? ": stored." : ": nothing stored yet (preview).");
        return new PeopleImportView(applied, summary, created, updated, unchanged, errors, rows);
    }
}
