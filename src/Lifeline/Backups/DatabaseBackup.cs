using System.Data;
using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Lifeline.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lifeline.Backups;

/// <summary>A backup or a restore that could not be done, in words for the operator.</summary>
public sealed class BackupException(string message) : Exception(message);

/// <summary>
/// Makes a consistent, checksummed backup of the database while the server runs or is stopped, and restores one into an
/// empty database. SQLite: the online backup API, copying a consistent snapshot page by page. PostgreSQL:
/// <c>pg_dump</c> in its custom format on a snapshot exported from a repeatable-read transaction, in which the manifest's
/// row counts and samples are taken too, so the manifest describes exactly what was dumped. A restore checks the
/// checksum first and compares every table's rows and sample with the manifest after.
/// </summary>
public sealed class DatabaseBackup(LifelineDbContext db, IOptions<BackupOptions> options, TimeProvider time, ILogger<DatabaseBackup> logger)
{
    private const int SampleRows = 5;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<(string Directory, BackupManifest Manifest)> CreateAsync(string parent, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // A folder that exists is left as it is (it may be shared, like /tmp); one made here is private. Each backup's own folder is.
        if (!System.IO.Directory.Exists(parent))
        {
            PrivateFiles.EnsureDirectory(Path.GetFullPath(parent));
        }
        var name = $"lifeline-{now:yyyyMMdd-HHmmss}";
        var target = Path.Combine(Path.GetFullPath(parent), name);
        for (var n = 2; System.IO.Directory.Exists(target); n++)
        {
            target = Path.Combine(Path.GetFullPath(parent), $"{name}-{n}");
        }
        PrivateFiles.EnsureDirectory(target);
        var migration = (await db.Database.GetAppliedMigrationsAsync(ct)).LastOrDefault() ?? throw new BackupException("The database has no schema yet: nothing to back up.");
        var tables = Tables();
        string file;
        List<TableCheck> checks;
        try
        {
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                file = Path.Combine(target, "lifeline.db");
                await PrivateFiles.Create(file).DisposeAsync();
                await using var source = new SqliteConnection(db.Database.GetConnectionString());
                await source.OpenAsync(ct);
                await using var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ConnectionString);
                await copy.OpenAsync(ct);
                source.BackupDatabase(copy);
                // The manifest describes the copy itself.
                checks = await CheckAsync(copy, null, tables, ct);
            }
            else
            {
                file = Path.Combine(target, "lifeline.dump");
                var connection = db.Database.GetConnectionString()!;
                await using var snapshotHolder = new NpgsqlConnection(connection);
                await snapshotHolder.OpenAsync(ct);
                await using var transaction = await snapshotHolder.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct);
                await using var export = new NpgsqlCommand("SELECT pg_export_snapshot()", snapshotHolder, transaction);
                var snapshot = (string)(await export.ExecuteScalarAsync(ct))!;
                checks = await CheckAsync(snapshotHolder, transaction, tables, ct);
                await RunAsync(options.Value.PgDump, connection, ["--format=custom", "--no-owner", "--no-privileges", $"--snapshot={snapshot}", $"--file={file}"], ct);
                await transaction.CommitAsync(ct);
                PrivateFiles.Restrict(file);
            }
        }
        catch
        {
            TryDelete(target);
            throw;
        }
        var manifest = new BackupManifest(BackupManifest.CurrentFormat, db.Provider.ToString(), migration, now, Path.GetFileName(file),
            new FileInfo(file).Length, await Sha256Async(file, ct), checks);
        await using (var stream = PrivateFiles.Create(Path.Combine(target, BackupManifest.FileName)))
        {
            await JsonSerializer.SerializeAsync(stream, manifest, Json, ct);
        }
        logger.LogInformation("Backed up the database to {Backup}: {Tables} tables, {Rows} rows, {Bytes} bytes", name, checks.Count, manifest.TotalRows, manifest.Bytes);
        return (target, manifest);
    }

    /// <summary>Restores a backup folder into this (empty) database, then compares it with the manifest.</summary>
    public async Task<(BackupManifest Manifest, RestoreCheck Check)> RestoreAsync(string backupDirectory, CancellationToken ct)
    {
        var manifestPath = Path.Combine(backupDirectory, BackupManifest.FileName);
        if (!File.Exists(manifestPath))
        {
            throw new BackupException($"{backupDirectory} is not a Lifeline backup: it has no {BackupManifest.FileName}.");
        }
        BackupManifest manifest;
        await using (var stream = File.OpenRead(manifestPath))
        {
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(stream, Json, ct) ?? throw new BackupException($"{manifestPath} is empty.");
        }
        if (!string.Equals(manifest.Provider, db.Provider.ToString(), StringComparison.Ordinal))
        {
            throw new BackupException($"The backup is of a {manifest.Provider} database and the configured database is {db.Provider}.");
        }
        var file = Path.Combine(backupDirectory, manifest.DataFile);
        if (!File.Exists(file) || await Sha256Async(file, ct) != manifest.Sha256)
        {
            throw new BackupException($"{file} is missing or does not match the manifest's SHA-256: the backup is damaged.");
        }
        if (db.Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            if (File.Exists(path) && new FileInfo(path).Length > 0 && await HasTablesAsync(ct))
            {
                throw new BackupException($"The database {path} is not empty: a backup is restored into an empty database. Move it away first.");
            }
            SqliteConnection.ClearAllPools();
            var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
            if (!System.IO.Directory.Exists(directory))
            {
                PrivateFiles.EnsureDirectory(directory); // never narrows a folder that exists: it may be shared
            }
            foreach (var leftover in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(leftover);
            }
            await using (var target = PrivateFiles.Create(path))
            await using (var source = File.OpenRead(file))
            {
                await source.CopyToAsync(target, ct);
            }
        }
        else
        {
            if (await HasTablesAsync(ct))
            {
                throw new BackupException("The configured PostgreSQL database is not empty: a backup is restored into an empty database. Create a new one first.");
            }
            await RunAsync(options.Value.PgRestore, db.Database.GetConnectionString()!, ["--no-owner", "--no-privileges", "--exit-on-error", file], ct);
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        try
        {
            var restored = await CheckAsync(connection, null, manifest.Tables.Select(t => (t.Table, Order: (IReadOnlyList<string>)[])).ToList(), ct, manifest);
            var differences = new List<string>();
            foreach (var expected in manifest.Tables)
            {
                var found = restored.Single(r => r.Table == expected.Table);
                if (found.Rows != expected.Rows)
                {
                    differences.Add($"{expected.Table}: {found.Rows} rows restored, {expected.Rows} backed up");
                }
                else if (found.SampleHash != expected.SampleHash)
                {
                    differences.Add($"{expected.Table}: the sample of {expected.SampleRows} rows differs");
                }
            }
            return (manifest, new RestoreCheck(manifest.Tables.Count, restored.Sum(r => r.Rows), restored.Sum(r => r.SampleRows), differences));
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>Deletes the oldest backups in <paramref name="parent"/> beyond the newest <paramref name="keep"/>.</summary>
    public static IReadOnlyList<string> Prune(string parent, int keep)
    {
        var backups = new DirectoryInfo(parent).EnumerateDirectories("lifeline-*")
            .Where(d => File.Exists(Path.Combine(d.FullName, BackupManifest.FileName)))
            .OrderByDescending(d => d.Name, StringComparer.Ordinal).ToList();
        var removed = new List<string>();
        foreach (var old in backups.Skip(keep))
        {
            old.Delete(recursive: true);
            removed.Add(old.Name);
        }
        return removed;
    }

    /// <summary>Every table of the model with its primary key columns (the sample's order), and the migrations history.</summary>
    private List<(string Table, IReadOnlyList<string> Order)> Tables() =>
        [.. db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.FindPrimaryKey() is not null && !e.IsOwned())
            .GroupBy(e => e.GetTableName()!)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.First().FindPrimaryKey()!.Properties.Select(p => p.GetColumnName())]))
            .Append((HistoryTable(), ["MigrationId"]))
            .OrderBy(t => t.Item1, StringComparer.Ordinal)];

    private string HistoryTable() =>
        Microsoft.EntityFrameworkCore.Infrastructure.RelationalOptionsExtension.Extract(
            ((Microsoft.EntityFrameworkCore.Infrastructure.IInfrastructure<IServiceProvider>)db).Instance
                .GetRequiredService<Microsoft.EntityFrameworkCore.Infrastructure.IDbContextOptions>()).MigrationsHistoryTableName
        ?? Microsoft.EntityFrameworkCore.Migrations.HistoryRepository.DefaultTableName;

    private async Task<bool> HasTablesAsync(CancellationToken ct)
    {
        var sql = db.Provider == DatabaseProvider.Sqlite
            ? "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'public'";
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
        }
        finally
        {
            await connection.CloseAsync();
        }
    }

    /// <summary>Each table's row count and a hash of its first rows in key order (in the manifest's order when restoring).</summary>
    private static async Task<List<TableCheck>> CheckAsync(DbConnection connection, DbTransaction? transaction, IReadOnlyList<(string Table, IReadOnlyList<string> Order)> tables,
        CancellationToken ct, BackupManifest? orderFrom = null)
    {
        var checks = new List<TableCheck>();
        foreach (var (table, order) in tables)
        {
            await using var count = connection.CreateCommand();
            count.Transaction = transaction;
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            var rows = Convert.ToInt64(await count.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
            var by = orderFrom?.Tables.Single(t => t.Table == table) is { } known ? known.SampleOrder : order;
            await using var sample = connection.CreateCommand();
            sample.Transaction = transaction;
            sample.CommandText = $"SELECT * FROM \"{table}\" ORDER BY {string.Join(", ", by.Select(c => $"\"{c}\""))} LIMIT {SampleRows}";
            var text = new StringBuilder();
            var sampled = 0;
            await using (var reader = await sample.ExecuteReaderAsync(ct))
            {
                while (await reader.ReadAsync(ct))
                {
                    sampled++;
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        text.Append(Text(reader.GetValue(i))).Append('\u001f');
                    }
                    text.Append('\u001e');
                }
            }
            checks.Add(new TableCheck(table, rows, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))), sampled) { SampleOrder = by });
        }
        return checks;
    }

    private static string Text(object value) => value switch
    {
        DBNull => "NULL",
        byte[] bytes => Convert.ToBase64String(bytes),
        DateTime dateTime => dateTime.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset offset => offset.ToString("O", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static async Task<string> Sha256Async(string file, CancellationToken ct)
    {
        await using var stream = File.OpenRead(file);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, ct));
    }

    /// <summary>Runs pg_dump or pg_restore against the database of <paramref name="connectionString"/>; its password goes by environment, never on the command line.</summary>
    private static async Task RunAsync(string tool, string connectionString, IReadOnlyList<string> arguments, CancellationToken ct)
    {
        var c = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment["PGHOST"] = c.Host;
        start.Environment["PGPORT"] = c.Port.ToString(CultureInfo.InvariantCulture);
        start.Environment["PGDATABASE"] = c.Database;
        start.Environment["PGUSER"] = c.Username;
        if (c.Password is { Length: > 0 } password)
        {
            start.Environment["PGPASSWORD"] = password;
        }
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        if (tool.EndsWith("pg_restore", StringComparison.Ordinal))
        {
            start.ArgumentList.Insert(0, $"--dbname={c.Database}");
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new BackupException($"{tool} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new BackupException($"{tool} could not be run ({e.Message}): install the PostgreSQL client tools or set {BackupOptions.Section}:{(tool.Contains("restore", StringComparison.Ordinal) ? "PgRestore" : "PgDump")}.");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            await process.WaitForExitAsync(ct);
            if (process.ExitCode != 0)
            {
                throw new BackupException($"{Path.GetFileName(tool)} failed ({process.ExitCode}): {(await error).Trim().ReplaceLineEndings(" ")}");
            }
        }
    }

    private static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left for the operator; the manifest is missing, so it is never taken for a backup.
        }
    }
}
