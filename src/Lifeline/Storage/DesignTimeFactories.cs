using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Lifeline.Storage;

// Used only by `dotnet ef migrations add`: the model does not depend on a live database.
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLifelineDbContext>
{
    public SqliteLifelineDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLifelineDbContext>()
            .UseSqlite("Data Source=design.db", StorageSetup.SqliteOptions).Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLifelineDbContext>
{
    public PostgresLifelineDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLifelineDbContext>()
            .UseNpgsql("Host=localhost;Database=design", StorageSetup.PostgresOptions).Options);
}
