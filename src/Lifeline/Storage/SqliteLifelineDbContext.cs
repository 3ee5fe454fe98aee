using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Lifeline.Storage;

/// <summary>The SQLite flavour of the model; its migrations are in Storage/Migrations/Sqlite.</summary>
public sealed class SqliteLifelineDbContext(DbContextOptions<SqliteLifelineDbContext> options) : LifelineDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no instant type: stored as text, DateTimeOffset cannot be compared or
        // ordered in SQL. Every instant Lifeline stores is UTC, so the binary form (ticks and
        // offset in one integer) orders correctly and keeps due-time queries in the database.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}
