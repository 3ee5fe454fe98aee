using Microsoft.EntityFrameworkCore;

namespace Lifeline.Storage;

/// <summary>The PostgreSQL flavour of the model; its migrations are in Storage/Migrations/Postgres.</summary>
public sealed class PostgresLifelineDbContext(DbContextOptions<PostgresLifelineDbContext> options) : LifelineDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}
