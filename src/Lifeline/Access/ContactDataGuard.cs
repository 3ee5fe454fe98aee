using Lifeline.Directory.People;
using Lifeline.Storage;

namespace Lifeline.Access;

/// <summary>
/// Decides whether a viewer sees contact values in clear, and records every disclosure in the access log. The
/// viewer is always named by the caller (the API's request, a console circuit, the CLI's token): never guessed
/// from the ambient request. The entry is saved before the values are returned: a value that was shown is a
/// value that was logged.
/// </summary>
public sealed class ContactDataGuard(LifelineDbContext db, TimeProvider time)
{
    public static string Show(Actor viewer, ContactMethodKind kind, string value) => viewer.SeesContactData ? value : ContactMask.Mask(kind, value);

    /// <summary>Whether the viewer sees this person's values in clear: an entitled role, or the person themselves (self-service).</summary>
    public static bool SeesInClear(Actor viewer, Guid personId) => viewer.SeesContactData || viewer.IsPerson(personId);

    /// <summary>A person's own value: in clear for entitled roles and for the person themselves.</summary>
    public static string Show(Actor viewer, Guid personId, ContactMethodKind kind, string value) =>
        SeesInClear(viewer, personId) ? value : ContactMask.Mask(kind, value);

    /// <summary>
    /// Like <see cref="RecordDisclosureAsync"/>, for reads that show a person their own values too (<see cref="SeesInClear"/>):
    /// a person reading their own details is logged like anyone else reading them in clear.
    /// </summary>
    public async Task RecordClearReadsAsync(Actor viewer, IEnumerable<Guid> personIds, string purpose, CancellationToken cancellationToken)
    {
        var inClear = personIds.Distinct().Where(id => SeesInClear(viewer, id)).ToList();
        if (inClear.Count == 0)
        {
            return;
        }
        var now = time.GetUtcNow();
        foreach (var personId in inClear)
        {
            db.ContactAccessLog.Add(new ContactAccessLogEntry(now, viewer.AccountId, viewer.Name, personId, viewer.RemoteAddress, purpose));
        }
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A contact given as free text (a reporter's phone or e-mail): masked as the kind it looks like.</summary>
    public static string ShowAddress(Actor viewer, string address) =>
        Show(viewer, address.Contains('@', StringComparison.Ordinal) ? ContactMethodKind.Email : ContactMethodKind.CellPhone, address);

    /// <summary>
    /// Records that a viewer saw the reporters' own contacts of these incidents in clear. A reporter is not a person of the
    /// directory: the entry names no person (the empty id) and says which incident in its purpose.
    /// </summary>
    public async Task RecordReporterDisclosureAsync(Actor viewer, IEnumerable<string> incidentNumbers, string purpose, CancellationToken cancellationToken)
    {
        if (!viewer.SeesContactData)
        {
            return;
        }
        var now = time.GetUtcNow();
        var numbers = incidentNumbers.Distinct().ToList();
        foreach (var number in numbers)
        {
            db.ContactAccessLog.Add(new ContactAccessLogEntry(now, viewer.AccountId, viewer.Name, Guid.Empty, viewer.RemoteAddress, $"reporter contact of {number} ({purpose})"));
        }
        if (numbers.Count > 0)
        {
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    public async Task RecordDisclosureAsync(Actor viewer, IEnumerable<Guid> personIds, string purpose, CancellationToken cancellationToken)
    {
        if (!viewer.SeesContactData)
        {
            return;
        }
        var now = time.GetUtcNow();
        foreach (var personId in personIds.Distinct())
        {
            db.ContactAccessLog.Add(new ContactAccessLogEntry(now, viewer.AccountId, viewer.Name, personId, viewer.RemoteAddress, purpose));
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
