using System.Text.Json;
using Lifeline.Access;
using Lifeline.Auditing;
using Lifeline.Directory.People;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Lifeline.Tests.Access;

/// <summary>The audit log (written by <see cref="AuditInterceptor"/>) and the access log, on both databases.</summary>
public sealed class LogStorageTests
{
    private static readonly DateTimeOffset Start = new(2025, 6, 1, 8, 0, 0, TimeSpan.Zero);

    [Theory, DatabaseData]
    public async Task SaveChanges_CreateUpdateDeletePerson_WritesAuditEntriesWithBeforeAndAfter(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        var time = new FakeTimeProvider(Start);
        await using var database = await TestDatabase.CreateAsync(provider);
        Guid id;
        await using (var db = database.CreateContext(time, actor: "alice"))
        {
            var person = new Person("Erin Vale", "Analyst", "UTC", null, time.GetUtcNow());
            db.People.Add(person);
            await db.SaveChangesAsync(ct);
            id = person.Id;
        }
        time.Advance(TimeSpan.FromMinutes(5));
        await using (var db = database.CreateContext(time, actor: "bob"))
        {
            var person = await db.People.SingleAsync(p => p.Id == id, ct);
            person.Update("Erin Vale-Moss", "Senior Analyst", "UTC", null, time.GetUtcNow());
            await db.SaveChangesAsync(ct);
        }
        time.Advance(TimeSpan.FromMinutes(5));
        await using (var db = database.CreateContext(time, actor: "carol"))
        {
            db.People.Remove(await db.People.SingleAsync(p => p.Id == id, ct));
            await db.SaveChangesAsync(ct);
        }

        await using (var db = database.CreateContext(time))
        {
            var entries = await db.AuditLog.Where(e => e.EntityId == id).OrderBy(e => e.At).ToListAsync(ct);
            Assert.Equal(["Created", "Updated", "Deleted"], entries.Select(e => e.Action));
            Assert.All(entries, e => Assert.Equal("Person", e.EntityType));
            Assert.Equal(["alice", "bob", "carol"], entries.Select(e => e.Actor));
            Assert.Equal([Start, Start.AddMinutes(5), Start.AddMinutes(10)], entries.Select(e => e.At));

            var (created, updated, deleted) = (entries[0], entries[1], entries[2]);
            Assert.Null(created.Before);
            Assert.Equal("Erin Vale", Field(created.After, "Name"));
            Assert.Equal("Erin Vale", Field(updated.Before, "Name"));
            Assert.Equal("Analyst", Field(updated.Before, "Title"));
            Assert.Equal("Erin Vale-Moss", Field(updated.After, "Name"));
            Assert.Equal("Senior Analyst", Field(updated.After, "Title"));
            Assert.Equal("Erin Vale-Moss", Field(deleted.Before, "Name"));
            Assert.Null(deleted.After);
        }
    }

    [Theory, DatabaseData]
    public async Task SaveChanges_UnchangedEntity_WritesNoAuditEntry(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var person = new Person("Fay Oren", null, "UTC", null, Start);
        await using (var db = database.CreateContext())
        {
            db.People.Add(person);
            await db.SaveChangesAsync(ct);
        }
        await using (var db = database.CreateContext())
        {
            await db.People.SingleAsync(p => p.Id == person.Id, ct);
            await db.SaveChangesAsync(ct);
            Assert.Equal(1, await db.AuditLog.CountAsync(e => e.EntityId == person.Id, ct));
        }
    }

    [Theory, DatabaseData]
    public async Task SaveChanges_ChangedOrDeletedAuditEntry_IsRefused(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var person = new Person("Gus Ward", null, "UTC", null, Start);
        await using (var db = database.CreateContext())
        {
            db.People.Add(person);
            await db.SaveChangesAsync(ct);
        }

        await using (var db = database.CreateContext())
        {
            var entry = await db.AuditLog.SingleAsync(e => e.EntityId == person.Id, ct);
            db.Entry(entry).Property(e => e.Actor).CurrentValue = "someone else";
            var error = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(ct));
            Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
        }
        await using (var db = database.CreateContext())
        {
            db.AuditLog.Remove(await db.AuditLog.SingleAsync(e => e.EntityId == person.Id, ct));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(ct));
        }
        await using (var db = database.CreateContext())
        {
            var entry = await db.AuditLog.SingleAsync(e => e.EntityId == person.Id, ct);
            Assert.Equal("test", entry.Actor);
        }
    }

    [Theory, DatabaseData]
    public async Task SaveChanges_ChangedOrDeletedAccessLogEntry_IsRefused(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var personId = Guid.NewGuid();
        await using (var db = database.CreateContext())
        {
            db.ContactAccessLog.Add(new ContactAccessLogEntry(Start, null, "alice", personId, "10.0.0.1", "person details"));
            await db.SaveChangesAsync(ct);
        }

        await using (var db = database.CreateContext())
        {
            var entry = await db.ContactAccessLog.SingleAsync(e => e.PersonId == personId, ct);
            db.Entry(entry).Property(e => e.Actor).CurrentValue = "mallory";
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(ct));
        }
        await using (var db = database.CreateContext())
        {
            db.ContactAccessLog.Remove(await db.ContactAccessLog.SingleAsync(e => e.PersonId == personId, ct));
            await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(ct));
        }
        await using (var db = database.CreateContext())
        {
            var entry = await db.ContactAccessLog.SingleAsync(e => e.PersonId == personId, ct);
            Assert.Equal(("alice", "10.0.0.1"), (entry.Actor, entry.RemoteAddress));
        }
    }

    [Theory, DatabaseData]
    public async Task Query_InstantsComparedAndOrdered_InDatabase(DatabaseProvider provider)
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = await TestDatabase.CreateAsync(provider);
        var personId = Guid.NewGuid();
        DateTimeOffset[] instants =
        [
            Start.AddYears(1),
            Start.AddMilliseconds(1),
            Start.AddDays(-400),
            Start,
            Start.AddSeconds(59),
            Start.AddYears(-30),
            Start.AddMinutes(1),
        ];
        await using (var db = database.CreateContext())
        {
            foreach (var at in instants)
            {
                db.ContactAccessLog.Add(new ContactAccessLogEntry(at, null, "ordering", personId, null, "test"));
            }
            await db.SaveChangesAsync(ct);
        }

        await using (var db = database.CreateContext())
        {
            var entries = db.ContactAccessLog.Where(e => e.PersonId == personId);
            var ascending = await entries.Where(e => e.At >= Start).OrderBy(e => e.At).Select(e => e.At).ToListAsync(ct);
            Assert.Equal(instants.Where(i => i >= Start).Order(), ascending);
            var newestTwo = await entries.OrderByDescending(e => e.At).Take(2).Select(e => e.At).ToListAsync(ct);
            Assert.Equal([Start.AddYears(1), Start.AddMinutes(1)], newestTwo);
            Assert.Equal(Start.AddYears(-30), await entries.MinAsync(e => e.At, ct));
        }
    }

    private static string? Field(string? json, string name)
    {
        Assert.NotNull(json);
        return JsonDocument.Parse(json).RootElement.GetProperty(name).GetString();
    }
}
