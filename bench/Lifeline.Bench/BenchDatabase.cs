using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;

namespace Lifeline.Bench;

/// <summary>
/// A fresh database for one run (a SQLite file in a temporary data directory, or a new PostgreSQL
/// database in the throwaway cluster), the server arguments that point Lifeline at it, and plain
/// ADO.NET reads of what the server wrote, for the measurements and checks made after a run.
/// </summary>
public sealed class BenchDatabase
{
    private static readonly DateTimeOffsetToBinaryConverter SqliteInstants = new();

    public string Kind { get; }
    public bool IsPostgres => Kind == "postgres";
    public string DataDirectory { get; }
    /// <summary>PostgreSQL: the connection string of this run's database. SQLite: the file Lifeline creates in the data directory.</summary>
    public string ConnectionString { get; }

    private BenchDatabase(string kind, string dataDirectory, string connectionString)
    {
        Kind = kind;
        DataDirectory = dataDirectory;
        ConnectionString = connectionString;
    }

    public static async Task<BenchDatabase> CreateAsync(string kind, string? postgresAdmin, string workDirectory, string name)
    {
        var dataDirectory = Path.Combine(workDirectory, name);
        System.IO.Directory.CreateDirectory(dataDirectory);
        if (kind == "sqlite")
        {
            return new BenchDatabase(kind, dataDirectory, $"Data Source={Path.Combine(dataDirectory, "lifeline.db")};Pooling=False;Default Timeout=30");
        }
        if (postgresAdmin is null)
        {
            throw new InvalidOperationException("PostgreSQL runs need --postgres <connection string> (bench.sh and resilience.sh start a cluster)");
        }
        var database = $"{name.Replace('-', '_')}_{Guid.NewGuid():N}"[..40].ToLowerInvariant();
        // The driver's own connections are not pooled: a scenario that restarts PostgreSQL (db-down)
        // would otherwise leave dead connections in the pool for the next scenario.
        await using (var admin = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(postgresAdmin) { Pooling = false }.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = database };
        return new BenchDatabase(kind, dataDirectory, builder.ConnectionString);
    }

    /// <summary>What Lifeline needs on its command line to use this database.</summary>
    public IEnumerable<string> ServerArgs()
    {
        yield return $"--Lifeline:DataDirectory={DataDirectory}";
        if (IsPostgres)
        {
            yield return "--Lifeline:Database:Provider=Postgres";
            yield return $"--Lifeline:Database:ConnectionString={ConnectionString}";
        }
    }

    /// <summary>What the baseline server needs to write into the same kind of database (its own table, its own file).</summary>
    public IEnumerable<string> BaselineArgs()
    {
        yield return IsPostgres ? "--Provider=Postgres" : "--Provider=Sqlite";
        yield return "--ConnectionString=" + (IsPostgres ? ConnectionString : $"Data Source={Path.Combine(DataDirectory, "baseline.db")};Pooling=True");
    }

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = IsPostgres
            ? new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false }.ConnectionString)
            : new SqliteConnection(ConnectionString);
        await connection.OpenAsync();
        if (!IsPostgres)
        {
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA busy_timeout=10000;";
            await pragma.ExecuteNonQueryAsync();
        }
        return connection;
    }

    public async Task<List<object?[]>> QueryAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 120;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }
            rows.Add(row);
        }
        return rows;
    }

    public async Task<long> ScalarAsync(string sql) => Convert.ToInt64((await QueryAsync(sql))[0][0], CultureInfo.InvariantCulture);

    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 120;
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>An instant as Lifeline stores it: timestamptz on PostgreSQL, EF's binary DateTimeOffset on SQLite.</summary>
    public static DateTimeOffset? Instant(object? value) => value switch
    {
        null => null,
        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        DateTimeOffset dto => dto,
        long binary => (DateTimeOffset)SqliteInstants.ConvertFromProvider(binary)!,
        _ => throw new InvalidOperationException($"not an instant: {value.GetType()}"),
    };

    public static Guid Id(object? value) => value switch
    {
        Guid g => g,
        string s => Guid.Parse(s),
        _ => throw new InvalidOperationException($"not an id: {value?.GetType()}"),
    };

    /// <summary>Row counts of every table Lifeline has, for "nothing stored" checks.</summary>
    public async Task<Dictionary<string, long>> CountRowsAsync()
    {
        var tables = await QueryAsync(IsPostgres
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'");
        var counts = new Dictionary<string, long>();
        foreach (var table in tables.Select(t => (string)t[0]!))
        {
            counts[table] = await ScalarAsync($"SELECT COUNT(*) FROM \"{table}\"");
        }
        return counts;
    }
}
