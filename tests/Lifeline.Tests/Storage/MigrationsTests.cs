using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Tests.Storage;

public sealed class MigrationsTests
{
    [Theory, DatabaseData]
    public async Task Model_HasNoChangesWithoutMigration(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The model has changes with no {provider} migration: run ./scripts/add-migration.sh <Name>.");
    }

    [Theory, DatabaseData]
    public async Task Migrate_FreshDatabase_AppliesEveryMigration(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.CreateContext();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.NotEmpty(await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
    }
}
