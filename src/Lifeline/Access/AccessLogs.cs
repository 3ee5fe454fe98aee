using Lifeline.Api;
using Lifeline.Storage;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Access;

/// <summary>What an administrator narrows the audit log to: who changed it, which kind of record, which one, which change, when.</summary>
public sealed record AuditLogFilter
{
    /// <summary>Part of the actor's name (an account, "token:…", "engine").</summary>
    public string? Actor { get; init; }
    public string? EntityType { get; init; }
    public Guid? EntityId { get; init; }
    public string? Action { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
}

/// <summary>What an administrator narrows the contact access log to: who read, whose details, when.</summary>
public sealed record AccessLogFilter
{
    /// <summary>Part of the reader's name.</summary>
    public string? Actor { get; init; }
    public Guid? PersonId { get; init; }
    /// <summary>Part of the name of the person whose details were read.</summary>
    public string? Person { get; init; }
    public DateTimeOffset? From { get; init; }
    public DateTimeOffset? To { get; init; }
}

/// <summary>
/// The two logs an administrator answers questions from — the audit log (every change: who, what, before and after, when)
/// and the contact access log (every read of contact details in clear) — with filters, a page at a time or as CSV, for the
/// API and the console alike. Contact values in the audit log's before and after are masked for a reader not entitled to
/// them; for one who is, that read is itself in the access log.
/// </summary>
public sealed class AccessLogs(LifelineDbContext db, ContactDataGuard guard)
{
    /// <summary>A CSV export holds at most this many entries; more must be narrowed by time or filter first.</summary>
    public const int MaxCsvRows = 50_000;

    public static readonly string[] AuditCsvHeader = ["at", "actor", "entityType", "entityId", "action", "before", "after"];
    public static readonly string[] AccessCsvHeader = ["at", "actor", "accountId", "personId", "person", "remoteAddress", "purpose"];

    public async Task<Outcome<Page<AuditEntryView>>> AuditAsync(Actor reader, AuditLogFilter filter, PageQuery query, CancellationToken ct)
    {
        if (reader.Lacks(LifelineRoles.Administrators, "read the audit log") is { } refused)
        {
            return refused;
        }
        if (Validate(query, filter.From, filter.To, ("actor", filter.Actor), ("entityType", filter.EntityType), ("action", filter.Action)) is { } refusal)
        {
            return refusal;
        }
        var page = await Page<AuditEntryView>.ReadAsync(Audit(filter, query.Search), query, ct);
        return page with { Items = await ShownAsync(reader, page.Items, "audit log", ct) };
    }

    public async Task<Outcome<byte[]>> AuditCsvAsync(Actor reader, AuditLogFilter filter, CancellationToken ct)
    {
        if (reader.Lacks(LifelineRoles.Administrators, "export the audit log") is { } refused)
        {
            return refused;
        }
        if (Validate(null, filter.From, filter.To, ("actor", filter.Actor), ("entityType", filter.EntityType), ("action", filter.Action)) is { } refusal)
        {
            return refusal;
        }
        var entries = await Audit(filter, null).Take(MaxCsvRows + 1).ToListAsync(ct);
        if (entries.Count > MaxCsvRows)
        {
            return TooMany();
        }
        var shown = await ShownAsync(reader, entries, "audit log export", ct);
        return CsvFile.Write(AuditCsvHeader, shown.Select(e => new[]
        {
            CsvFile.Time(e.At), e.Actor, e.EntityType, e.EntityId.ToString(), e.Action, e.Before ?? "", e.After ?? "",
        }));
    }

    public async Task<Outcome<Page<ContactAccessView>>> AccessAsync(Actor reader, AccessLogFilter filter, PageQuery query, CancellationToken ct)
    {
        if (reader.Lacks(LifelineRoles.Administrators, "read the contact access log") is { } refused)
        {
            return refused;
        }
        if (Validate(query, filter.From, filter.To, ("actor", filter.Actor), ("person", filter.Person)) is { } refusal)
        {
            return refusal;
        }
        return await Page<ContactAccessView>.ReadAsync(Access(filter, query.Search), query, ct);
    }

    public async Task<Outcome<byte[]>> AccessCsvAsync(Actor reader, AccessLogFilter filter, CancellationToken ct)
    {
        if (reader.Lacks(LifelineRoles.Administrators, "export the contact access log") is { } refused)
        {
            return refused;
        }
        if (Validate(null, filter.From, filter.To, ("actor", filter.Actor), ("person", filter.Person)) is { } refusal)
        {
            return refusal;
        }
        var entries = await Access(filter, null).Take(MaxCsvRows + 1).ToListAsync(ct);
        if (entries.Count > MaxCsvRows)
        {
            return TooMany();
        }
        return CsvFile.Write(AccessCsvHeader, entries.Select(e => new[]
        {
            CsvFile.Time(e.At), e.Actor, e.AccountId?.ToString() ?? "", e.PersonId.ToString(), e.PersonName ?? "", e.RemoteAddress ?? "", e.Purpose,
        }));
    }

    /// <summary>The kinds of records the audit log holds, for a filter's choices.</summary>
    public async Task<IReadOnlyList<string>> EntityTypesAsync(CancellationToken ct) =>
        await db.AuditLog.AsNoTracking().Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync(ct);

    private IQueryable<AuditEntryView> Audit(AuditLogFilter filter, string? search)
    {
        var entries = db.AuditLog.AsNoTracking();
        if (Words(filter.Actor ?? search) is { } actor)
        {
            entries = entries.Where(e => e.Actor.ToLower().Contains(actor));
        }
        if (!string.IsNullOrWhiteSpace(filter.EntityType))
        {
            entries = entries.Where(e => e.EntityType == filter.EntityType.Trim());
        }
        if (filter.EntityId is { } id)
        {
            entries = entries.Where(e => e.EntityId == id);
        }
        if (!string.IsNullOrWhiteSpace(filter.Action))
        {
            entries = entries.Where(e => e.Action == filter.Action.Trim());
        }
        if (filter.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }
        if (filter.To is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }
        return entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new AuditEntryView(e.Id, e.At, e.Actor, e.EntityType, e.EntityId, e.Action, e.Before, e.After));
    }

    private IQueryable<ContactAccessView> Access(AccessLogFilter filter, string? search)
    {
        var entries = db.ContactAccessLog.AsNoTracking();
        if (Words(filter.Actor ?? search) is { } actor)
        {
            entries = entries.Where(e => e.Actor.ToLower().Contains(actor));
        }
        if (filter.PersonId is { } personId)
        {
            entries = entries.Where(e => e.PersonId == personId);
        }
        if (Words(filter.Person) is { } person)
        {
            entries = entries.Where(e => db.People.Any(p => p.Id == e.PersonId && p.Name.ToLower().Contains(person)));
        }
        if (filter.From is { } from)
        {
            entries = entries.Where(e => e.At >= from);
        }
        if (filter.To is { } to)
        {
            entries = entries.Where(e => e.At < to);
        }
        return entries.OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new ContactAccessView(e.Id, e.At, e.Actor, e.AccountId, e.PersonId,
                db.People.Where(p => p.Id == e.PersonId).Select(p => p.Name).FirstOrDefault(), e.RemoteAddress, e.Purpose));
    }

    /// <summary>Contact values in clear only for a reader entitled to them, and then their read is logged like any other.</summary>
    private async Task<IReadOnlyList<AuditEntryView>> ShownAsync(Actor reader, IReadOnlyList<AuditEntryView> entries, string purpose, CancellationToken ct)
    {
        if (!reader.SeesContactData)
        {
            return [.. entries.Select(AuditLogContacts.Masked)];
        }
        if (AuditLogContacts.PeopleIn(entries).ToList() is { Count: > 0 } people)
        {
            await guard.RecordDisclosureAsync(reader, people, purpose, ct);
        }
        return entries;
    }

    private static string? Words(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim().ToLowerInvariant();

    private static Refusal? Validate(PageQuery? query, DateTimeOffset? from, DateTimeOffset? to, params (string Field, string? Value)[] texts)
    {
        var errors = query?.Validate() ?? [];
        foreach (var (field, value) in texts)
        {
            if (value is { Length: > 200 })
            {
                errors[field] = [$"{field} is at most 200 characters."];
            }
        }
        if (from is { } f && to is { } t && t <= f)
        {
            errors["to"] = ["to must be after from."];
        }
        return errors.Count == 0 ? null : Refusal.Invalid(errors);
    }

    private static Refusal TooMany() => Refusal.Invalid("to",
        $"More than {MaxCsvRows:N0} entries match; narrow the period (from, to) or the filters and export again.");
}
