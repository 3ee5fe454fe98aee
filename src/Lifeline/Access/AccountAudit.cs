using System.Text.Json;
using Lifeline.Auditing;
using Lifeline.Storage;

namespace Lifeline.Access;

/// <summary>
/// Account administration in the audit log (accounts are Identity's, not <see cref="IAudited"/> entities): who created,
/// changed, disabled or deleted an account, granted roles, issued or revoked a token, from which address. Added to the
/// caller's unit of work; the caller saves.
/// </summary>
public static class AccountAudit
{
    public static void Record(LifelineDbContext db, Actor actor, DateTimeOffset at, Guid accountId, string action, object? details = null)
    {
        var after = new Dictionary<string, object?> { ["address"] = actor.RemoteAddress };
        if (details is not null)
        {
            after["details"] = details;
        }
        db.AuditLog.Add(new AuditEntry(at, actor.Name, nameof(Account), accountId, action, null, JsonSerializer.Serialize(after)));
    }
}
