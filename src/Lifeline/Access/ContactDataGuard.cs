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
