using System.Diagnostics;
using Lifeline.Access;
using Lifeline.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Lifeline.Tests.Server;

/// <summary>The built server run as a process, as an operator would: <c>dotnet Lifeline.dll migrate|add-user|create-token</c>.</summary>
public sealed class OperatorCommandsTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), $"lifeline-ops-{Guid.NewGuid():N}");

    [Fact]
    public async Task Migrate_EmptyDataDirectory_CreatesSchemaAndExits()
    {
        var (exitCode, output, error) = await RunAsync("migrate");

        Assert.True(exitCode == 0, error);
        Assert.Contains("up to date", output, StringComparison.Ordinal);
        await using var db = OpenDatabase();
        Assert.Empty(await db.Database.GetPendingMigrationsAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.People.CountAsync(TestContext.Current.CancellationToken)); // a command does not load the demo
    }

    [Fact]
    public async Task AddUser_WithRole_CreatesAccount()
    {
        var (exitCode, output, error) = await RunAsync("add-user", "--user", "jcole", "--role", "Viewer", "--role", "Level1Technician");

        Assert.True(exitCode == 0, error);
        Assert.Contains("Created account jcole", output, StringComparison.Ordinal);
        Assert.Contains("Password (shown once):", output, StringComparison.Ordinal);
        await using var db = OpenDatabase();
        var account = await db.Users.SingleAsync(u => u.UserName == "jcole", TestContext.Current.CancellationToken);
        var roles = await db.UserRoles.Where(r => r.UserId == account.Id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name)
            .OrderBy(n => n).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal([LifelineRoles.Level1Technician, LifelineRoles.Viewer], roles);

        var (again, _, refused) = await RunAsync("add-user", "--user", "other", "--role", "Wizard");
        Assert.Equal(1, again);
        Assert.Contains("Wizard", refused, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateToken_ForAdmin_PrintsOnlyATokenStoredAsItsHash()
    {
        var (exitCode, output, error) = await RunAsync("create-token", "--user", "admin", "--name", "monitoring");

        Assert.True(exitCode == 0, error);
        var token = output.Trim();
        Assert.StartsWith(ApiToken.Prefix, token, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', token);
        // The admin was created now: stderr says where its password is, and nothing prints the password itself.
        var file = Path.Combine(_dataDirectory, AdminBootstrap.PasswordFileName);
        Assert.Contains($"one-time password is in {file}", error, StringComparison.Ordinal);
        var password = File.ReadAllLines(file).Single(l => !l.StartsWith('#'));
        Assert.Equal(20, password.Length);
        Assert.DoesNotContain(password, error + output, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        await using var db = OpenDatabase();
        var stored = await db.ApiTokens.SingleAsync(t => t.Name == "monitoring", TestContext.Current.CancellationToken);
        Assert.Equal(ApiToken.HashOf(token), stored.Hash);
        var admin = await db.Users.SingleAsync(u => u.UserName == "admin", TestContext.Current.CancellationToken);
        Assert.Equal(admin.Id, stored.AccountId);
        Assert.True(stored.IsActive(DateTimeOffset.UtcNow));
    }

    [Fact]
    public async Task Start_BootstrapTokenShorterThan32_FailsWithClearMessage()
    {
        var (exitCode, output, error) = await RunAsync("--Lifeline:Bootstrap:AdminApiToken=too-short-token-0123456789", "--urls=http://127.0.0.1:0");

        Assert.Equal(1, exitCode);
        Assert.StartsWith("Lifeline cannot start:", error.Trim(), StringComparison.Ordinal);
        Assert.Contains("Lifeline:Bootstrap:AdminApiToken must be at least 32 characters", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal); // a plain message, not a stack trace
    }

    private SqliteLifelineDbContext OpenDatabase() =>
        new(new DbContextOptionsBuilder<SqliteLifelineDbContext>()
            .UseSqlite($"Data Source={Path.Combine(_dataDirectory, "lifeline.db")};Pooling=False", StorageSetup.SqliteOptions).Options);

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "Lifeline.dll");
        Assert.True(File.Exists(dll), $"{dll} is missing: the test project references the server, so the build puts it there.");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.ArgumentList.Add($"--Lifeline:DataDirectory={_dataDirectory}");
        start.ArgumentList.Add("--Lifeline:Database:Provider=Sqlite");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"dotnet Lifeline.dll {string.Join(' ', arguments)} did not exit within 90 seconds.");
        }
        return (process.ExitCode, await output, await error);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(_dataDirectory))
        {
            System.IO.Directory.Delete(_dataDirectory, recursive: true);
        }
    }
}
