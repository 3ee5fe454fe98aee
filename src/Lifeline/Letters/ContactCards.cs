using Lifeline.Access;
using Lifeline.Directory.People;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Letters;

/// <summary>
/// People with the contact values a call list needs, in the order to try them: cell phones first, then office phones,
/// then e-mail (webhooks are for machines and left out). Values are masked with <see cref="ContactMask"/> unless
/// <c>clear</c>; the caller decides <c>clear</c> from the viewer's role and records the disclosure.
/// </summary>
internal static class ContactCards
{
    public static async Task<Dictionary<Guid, LetterContact>> LoadAsync(LifelineDbContext db, IEnumerable<Guid> personIds, bool clear, CancellationToken ct)
    {
        var ids = personIds.Distinct().ToList();
        var people = await db.People.AsNoTracking().Include(p => p.ContactMethods).Where(p => ids.Contains(p.Id)).ToListAsync(ct);
        return people.ToDictionary(p => p.Id, p => new LetterContact(p.Id, p.Name, p.Title,
            p.ContactMethods.Where(m => Order(m.Kind) < 3).OrderBy(m => Order(m.Kind)).ThenBy(m => m.Priority).ThenBy(m => m.Label, StringComparer.Ordinal)
                .Select(m => Show(m, clear)).ToList()));
    }

    public static ShownContact Show(ContactMethod m, bool clear) => clear
        ? new ShownContact(m.Kind, m.Label, m.IsPhone ? PhoneText.Display(m.Value) : m.Value, false, m.IsPhone ? m.Value : null)
        : new ShownContact(m.Kind, m.Label, ContactMask.Mask(m.Kind, m.Value), true, null);

    private static int Order(ContactMethodKind kind) => kind switch
    {
        ContactMethodKind.CellPhone => 0,
        ContactMethodKind.OfficePhone => 1,
        ContactMethodKind.Email => 2,
        _ => 3,
    };
}
