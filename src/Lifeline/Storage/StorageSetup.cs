using Lifeline.Auditing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Options;
using Npgsql.EntityFrameworkCore.PostgreSQL.Infrastructure;

namespace Lifeline.Storage;

public static class StorageSetup
{
    public static void SqliteOptions(SqliteDbContextOptionsBuilder sqlite) =>
        sqlite.MigrationsHistoryTable("__migrations").MigrationsAssembly(typeof(StorageSetup).Assembly.GetName().Name);

    // Short retry delays: a transient failure (a dropped connection) is retried at once, but while the
    // database is down a request must fail within a second (503 + Retry-After), not after EF's default
    // back-off of several seconds. The engine retries on its own, every poll interval.
    public static void PostgresOptions(NpgsqlDbContextOptionsBuilder npgsql) =>
        npgsql.MigrationsHistoryTable("__migrations").EnableRetryOnFailure(3, TimeSpan.FromMilliseconds(200), null);

    /// <summary>
    /// The model comes compiled (Storage/CompiledModels, made by scripts/add-migration.sh), which saves building it at
    /// every start. Migrate would still build the full model at start to look for changes without a migration; the
    /// tests do that check instead (MigrationsTests, CompiledModelTests).
    /// </summary>
    private static void SkipPendingModelCheck(WarningsConfigurationBuilder warnings) => warnings.Ignore(RelationalEventId.PendingModelChangesWarning);

    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<LifelineOptions>().Bind(configuration.GetSection(LifelineOptions.Section))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.Section))
            .Validate(o => o.Provider != DatabaseProvider.Postgres || !string.IsNullOrWhiteSpace(o.ConnectionString),
                "Lifeline:Database:ConnectionString is required when Lifeline:Database:Provider is Postgres.")
            .ValidateOnStart();
        services.AddScoped<AuditInterceptor>();
        services.AddScoped<IInterceptor>(sp => sp.GetRequiredService<AuditInterceptor>());
        services.AddSingleton<SqlitePragmaInterceptor>();
        services.AddSingleton<SqliteWriteGate>();

        var provider = configuration.GetSection(DatabaseOptions.Section).GetValue<DatabaseProvider?>("Provider") ?? DatabaseProvider.Sqlite;
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton(sp => new ConnectionString(PostgresConnectionString(sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString!)));
            services.AddDbContext<LifelineDbContext, PostgresLifelineDbContext>((sp, options) =>
                options.UseNpgsql(sp.GetRequiredService<ConnectionString>().Value, PostgresOptions)
                    .AddInterceptors(sp.GetServices<IInterceptor>()).ConfigureWarnings(SkipPendingModelCheck));
        }
        else
        {
            services.AddSingleton(sp => new ConnectionString(SqliteConnectionString(sp)));
            services.AddDbContext<LifelineDbContext, SqliteLifelineDbContext>((sp, options) =>
                options.UseSqlite(sp.GetRequiredService<ConnectionString>().Value, SqliteOptions)
                    .AddInterceptors([sp.GetRequiredService<SqlitePragmaInterceptor>(), sp.GetRequiredService<SqliteWriteGate>(), .. sp.GetServices<IInterceptor>()])
                    .ConfigureWarnings(SkipPendingModelCheck));
        }
        return services;
    }

    /// <summary>
    /// The connection string every context of the process opens, worked out once: a context is made for each request and
    /// each engine batch, and parsing the string again each time showed in profiles of a storm.
    /// </summary>
    private sealed record ConnectionString(string Value);

    /// <summary>
    /// A connect timeout of 2 seconds unless the connection string sets one: Npgsql's default of 15 s
    /// would hold a request that long when the database host does not answer, instead of a quick 503.
    /// </summary>
    public static string PostgresConnectionString(string configured)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = configured };
        if (given.ContainsKey("Timeout") || given.ContainsKey("Connect Timeout"))
        {
            return configured;
        }
        return new Npgsql.NpgsqlConnectionStringBuilder(configured) { Timeout = 2 }.ConnectionString;
    }

    private static string SqliteConnectionString(IServiceProvider sp)
    {
        var configured = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return configured;
        }
        var dataDirectory = sp.GetRequiredService<IOptions<LifelineOptions>>().Value.FullDataDirectory;
        return $"Data Source={Path.Combine(dataDirectory, "lifeline.db")};Pooling=True;Default Timeout=30";
    }

    /// <summary>Creates the data directory and brings the schema up to date.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        PrivateFiles.EnsureDirectory(services.GetRequiredService<IOptions<LifelineOptions>>().Value.FullDataDirectory);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        if (db.Provider == DatabaseProvider.Sqlite && new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource is { Length: > 0 } file
            && file != ":memory:")
        {
            // Created before SQLite opens it, so it is never readable by others, not even for a moment.
            if (!File.Exists(file))
            {
                await PrivateFiles.Create(file).DisposeAsync();
            }
            foreach (var path in new[] { file, file + "-wal", file + "-shm" })
            {
                PrivateFiles.Restrict(path);
            }
        }
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while the engine writes; it is a property of the file, so set it once here.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(cancellationToken);
    }
}
