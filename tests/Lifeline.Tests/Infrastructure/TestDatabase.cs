using Lifeline.Access;
using Lifeline.Auditing;
using Lifeline.Storage;
using Microsoft.AspNetCore.Http;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Lifeline.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database for one test, on SQLite (a file) or PostgreSQL (a database cloned
/// from a migrated template, which takes milliseconds instead of re-running migrations).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? _sqliteTemplate;
    private static bool _postgresTemplateReady;
    private const string PostgresTemplate = "lifeline_test_template";

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }
    private readonly string? _sqlitePath;
    private readonly string? _postgresName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqlitePath, string? postgresName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqlitePath = sqlitePath;
        _postgresName = postgresName;
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var template = await SqliteTemplateAsync();
            var path = Path.Combine(Path.GetTempPath(), $"lifeline-test-{Guid.NewGuid():N}.db");
            File.Copy(template, path);
            return new TestDatabase(provider, $"Data Source={path};Pooling=False", path, null);
        }

        var server = TestEnvironment.PostgresConnectionString;
        TestEnvironment.Require(server is not null, "PostgreSQL (LIFELINE_TEST_POSTGRES)");
        await PostgresTemplateAsync(server!);
        var name = $"lifeline_test_{Guid.NewGuid():N}";
        await ExecuteAsync(server!, $"CREATE DATABASE \"{name}\" TEMPLATE \"{PostgresTemplate}\"");
        // A connect timeout of 20 s, not the server's 2 s default: on a two-core CI machine running many test servers at once,
        // opening a connection (and Npgsql's first type loading) has taken longer than 2 s and failed a server's start.
        return new TestDatabase(provider, new NpgsqlConnectionStringBuilder(server) { Database = name, Timeout = 20 }.ConnectionString, null, name);
    }

    /// <summary>A DbContext on this database, as the server would build it (audit interceptor included).</summary>
    public LifelineDbContext CreateContext(TimeProvider? time = null, string actor = "test")
    {
        var currentActor = new CurrentActor(new HttpContextAccessor());
        currentActor.ActAs(actor);
        var audit = new AuditInterceptor(currentActor, time ?? TimeProvider.System);
        return Provider == DatabaseProvider.Sqlite
            ? new SqliteLifelineDbContext(new DbContextOptionsBuilder<SqliteLifelineDbContext>()
                .UseSqlite(ConnectionString, StorageSetup.SqliteOptions).AddInterceptors(new SqlitePragmaInterceptor(), audit).Options)
            : new PostgresLifelineDbContext(new DbContextOptionsBuilder<PostgresLifelineDbContext>()
                .UseNpgsql(ConnectionString, StorageSetup.PostgresOptions).AddInterceptors(audit).Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(_sqlitePath + suffix);
            }
        }
        if (_postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(TestEnvironment.PostgresConnectionString!, $"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)");
        }
    }

    private static async Task<string> SqliteTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_sqliteTemplate is null)
            {
                var path = Path.Combine(Path.GetTempPath(), $"lifeline-template-{Guid.NewGuid():N}.db");
                await using (var db = new SqliteLifelineDbContext(new DbContextOptionsBuilder<SqliteLifelineDbContext>()
                    .UseSqlite($"Data Source={path};Pooling=False", StorageSetup.SqliteOptions).Options))
                {
                    await db.Database.MigrateAsync();
                }
                _sqliteTemplate = path;
            }
            return _sqliteTemplate;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task PostgresTemplateAsync(string server)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (_postgresTemplateReady)
            {
                return;
            }
            // Made again at the first use in each test run, so it always has the current migrations.
            await ExecuteAsync(server, $"DROP DATABASE IF EXISTS \"{PostgresTemplate}\" WITH (FORCE)");
            await ExecuteAsync(server, $"CREATE DATABASE \"{PostgresTemplate}\"");
            var templateConnection = new NpgsqlConnectionStringBuilder(server) { Database = PostgresTemplate, Pooling = false }.ConnectionString;
            await using (var db = new PostgresLifelineDbContext(new DbContextOptionsBuilder<PostgresLifelineDbContext>()
                .UseNpgsql(templateConnection, StorageSetup.PostgresOptions).Options))
            {
                await db.Database.MigrateAsync();
            }
            _postgresTemplateReady = true;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task ExecuteAsync(string server, string sql)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(server) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
