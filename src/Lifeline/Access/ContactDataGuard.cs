using Lifeline.Directory.People;
using Lifeline.Storage;

namespace Lifeline.Access;

/// <summary>
/// Decides whether the current actor sees contact values in clear, and records every disclosure in
/// the access log. The entry is saved before the values are returned: a value that was shown is a
/// value that was logged.
/// </summary>
public sealed class ContactDataGuard(CurrentActor actor, LifelineDbContext db, TimeProvider time)
{
    public bool InClear => actor.SeesContactData;

    public string Show(ContactMethodKind kind, string value) => InClear ? value : ContactMask.Mask(kind, value);

    public async Task RecordDisclosureAsync(IEnumerable<Guid> personIds, string purpose, CancellationToken cancellationToken)
    {
        if (!InClear)
        {
            return;
        }
        var now = time.GetUtcNow();
        foreach (var personId in personIds.Distinct())
        {
            db.ContactAccessLog.Add(new ContactAccessLogEntry(now, actor.AccountId, actor.Name, personId, actor.RemoteAddress, purpose));
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}
