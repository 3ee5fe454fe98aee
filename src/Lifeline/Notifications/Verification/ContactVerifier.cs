using Lifeline.Access;
using Lifeline.Api;
using Lifeline.Directory.People;
using Lifeline.Notifications.Dispatch;
using Lifeline.Notifications.Links;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Notifications.Verification;

/// <summary>
/// Proves a contact method reaches its person, for the API and the console alike: <see cref="SendCodeAsync"/> queues a
/// message carrying a <see cref="VerificationCode"/> over the method's own channel (SMS or a call for a cell, a call for
/// an office phone, e-mail ...), the normal outbox and dispatcher deliver it, and <see cref="ConfirmAsync"/> marks the
/// method verified when the person types the code back. An admin, or the person themselves, may do either.
/// </summary>
public sealed class ContactVerifier(LifelineDbContext db, CurrentActor current, StoredLinks storedLinks, TimeProvider time)
{
    public async Task<Outcome<VerificationSent>> SendCodeAsync(Actor actor, Guid personId, Guid methodId, CancellationToken ct)
    {
        if (actor.LacksSelfOrAdmin(personId, "verify this person's contact methods") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var method = await db.ContactMethods.AsNoTracking().FirstOrDefaultAsync(m => m.Id == methodId && m.PersonId == personId, ct);
        if (method is null)
        {
            return Refusal.NotFound("contact method of this person", methodId);
        }
        if (ContactMethodVerification.ChannelFor(method) is not { } channel)
        {
            return Refusal.Invalid("methodId", $"This {method.Kind} takes neither SMS nor voice calls, so no code can be sent to it.");
        }
        var now = time.GetUtcNow();
        await db.VerificationCodes.Where(c => c.ContactMethodId == methodId).ExecuteDeleteAsync(ct);
        var (row, code) = VerificationCode.Issue(methodId, now);
        db.VerificationCodes.Add(row);
        // The code travels encrypted in the outbox (like a survey link) and is revealed only to render the message.
        db.Notifications.Add(Notification.VerificationCode(personId, methodId, channel, storedLinks.Protect(code), now));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another request for a code to the same method won the one-code-per-method index a moment ago: that code stands.
            return Refusal.Conflict("A code was just sent to this contact method; type that one, or ask for a new one in a moment.");
        }
        return new VerificationSent(methodId, channel, row.ExpiresAt, VerificationCode.MaxAttempts);
    }

    public async Task<Outcome<ContactMethodView>> ConfirmAsync(Actor actor, Guid personId, Guid methodId, string? code, CancellationToken ct)
    {
        if (actor.LacksSelfOrAdmin(personId, "verify this person's contact methods") is { } refused)
        {
            return refused;
        }
        current.Use(actor);
        var method = await db.ContactMethods.FirstOrDefaultAsync(m => m.Id == methodId && m.PersonId == personId, ct);
        if (method is null)
        {
            return Refusal.NotFound("contact method of this person", methodId);
        }
        var typed = new string((code ?? "").Where(c => !char.IsWhiteSpace(c)).ToArray());
        if (typed.Length != VerificationCode.Digits || !typed.All(char.IsAsciiDigit))
        {
            return Refusal.Invalid("code", $"Type the {VerificationCode.Digits} digits of the code you received.");
        }
        var pending = await db.VerificationCodes.FirstOrDefaultAsync(c => c.ContactMethodId == methodId, ct);
        if (pending is null)
        {
            return Refusal.Invalid("code", "No code was sent to this contact method, or it was already used. Send a new code.");
        }
        var now = time.GetUtcNow();
        var result = pending.Check(typed, now);
        switch (result)
        {
            case VerificationResult.Verified:
                method.MarkVerified(now);
                db.VerificationCodes.Remove(pending);
                break;
            case VerificationResult.Expired:
                db.VerificationCodes.Remove(pending);
                break;
        }
        await db.SaveChangesAsync(ct);
        return result switch
        {
            VerificationResult.Verified => PersonDirectory.View(actor, method),
            VerificationResult.Expired => Refusal.Invalid("code", "The code has expired. Send a new code."),
            VerificationResult.TooManyAttempts => Refusal.Invalid("code", "Too many wrong codes. Send a new code."),
            _ => Refusal.Invalid("code", pending.AttemptsLeft == 0
                ? "That code is not right, and that was the last try. Send a new code."
                : $"That code is not right. {pending.AttemptsLeft} {(pending.AttemptsLeft == 1 ? "try" : "tries")} left."),
        };
    }
}

public sealed record VerificationSent(Guid ContactMethodId, NotificationChannel Channel, DateTimeOffset ExpiresAt, int Attempts);

public sealed record VerificationConfirmRequest(string? Code);
