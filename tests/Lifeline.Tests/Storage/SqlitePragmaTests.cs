using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Storage;

public sealed class SqlitePragmaTests(SharedServers servers)
{
    /// <summary>The settings are made once per pooled native connection: every later open of it must still have them.</summary>
    [Fact]
    public async Task EveryOpen_OfAPooledConnection_HasDurabilityForeignKeysAndBusyTimeout()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        for (var round = 0; round < 5; round++)
        {
            using var scope = server.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            // Each query opens the connection again (from the pool) and closes it afterwards.
            Assert.Equal(2L, await Scalar(db, "SELECT synchronous AS \"Value\" FROM pragma_synchronous")); // FULL
            Assert.Equal(1L, await Scalar(db, "SELECT foreign_keys AS \"Value\" FROM pragma_foreign_keys"));
            Assert.Equal(10000L, await Scalar(db, "SELECT timeout AS \"Value\" FROM pragma_busy_timeout"));
        }
    }

    private static async Task<long> Scalar(LifelineDbContext db, string sql) =>
        (await db.Database.SqlQueryRaw<long>(sql).ToListAsync(TestContext.Current.CancellationToken)).Single();
}
