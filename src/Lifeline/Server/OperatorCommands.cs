using System.CommandLine;
using Lifeline.Access;
using Lifeline.Storage;
using Microsoft.AspNetCore.Identity;

namespace Lifeline.Server;

/// <summary>
/// Sub-commands of the server for operators (GoAlert style), run against the configured database
/// instead of starting the server: <c>migrate</c>, <c>add-user</c>, <c>create-token</c>, <c>backup</c>, <c>restore</c>.
/// </summary>
public static class OperatorCommands
{
    private static readonly string[] Names = ["migrate", "add-user", "create-token", "backup", "restore"];

    public static bool Handles(string[] args) => args.Length > 0 && Names.Contains(args[0]);

    /// <summary>
    /// A command's standard output is its result (<c>create-token</c> prints only the token, for
    /// <c>TOKEN=$(...)</c>), so while one runs every log message goes to standard error.
    /// </summary>
    public static void KeepStandardOutputForResults(WebApplicationBuilder builder)
    {
        if (Handles(Environment.GetCommandLineArgs()[1..]))
        {
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }
    }

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var root = new RootCommand("Lifeline server operator commands");

        var migrate = new Command("migrate", "Apply database migrations and exit.") { TreatUnmatchedTokensAsErrors = false };
        migrate.SetAction(async (_, ct) =>
        {
            await StorageSetup.MigrateAsync(app.Services, ct);
            System.Console.WriteLine("The database schema is up to date.");
            return 0;
        });

        var userName = new Option<string>("--user") { Description = "The account's user name.", Required = true };
        var password = new Option<string?>("--password") { Description = "The password; generated and printed when omitted." };
        // One value per --role: with several per token, settings that follow (--Lifeline:DataDirectory=...) were read as roles.
        var roles = new Option<string[]>("--role") { Description = $"A role ({string.Join(", ", LifelineRoles.All)}); repeat for several.", Required = true };
        var personId = new Option<Guid?>("--person-id") { Description = "Link the account to this person of the directory." };
        var addUser = new Command("add-user", "Create an account.") { userName, password, roles, personId };
        addUser.TreatUnmatchedTokensAsErrors = false;
        addUser.SetAction(async (parse, ct) =>
        {
            await StorageSetup.MigrateAsync(app.Services, ct);
            await using var scope = app.Services.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<CurrentActor>().ActAs("operator (add-user)");
            var secret = parse.GetValue(password);
            var generated = secret is null;
            secret ??= Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(15)) + "a1A";
            var outcome = await scope.ServiceProvider.GetRequiredService<AccountService>()
                .CreateAsync(parse.GetValue(userName)!, secret, parse.GetValue(roles) ?? [], parse.GetValue(personId), ct);
            if (!outcome.Succeeded)
            {
                System.Console.Error.WriteLine("Could not create the account: " + string.Join(" ", outcome.Errors!.SelectMany(e => e.Value)));
                return 1;
            }
            System.Console.WriteLine($"Created account {outcome.Value!.UserName} ({outcome.Value.Id}).");
            if (generated)
            {
                System.Console.WriteLine($"Password (shown once): {secret}");
            }
            return 0;
        });

        var tokenUser = new Option<string>("--user") { Description = "The account that will own the token.", Required = true };
        var tokenName = new Option<string>("--name") { Description = "What the token is for.", DefaultValueFactory = _ => "created with create-token" };
        var createToken = new Command("create-token", "Create a personal API token and print it once.") { tokenUser, tokenName };
        createToken.TreatUnmatchedTokensAsErrors = false;
        createToken.SetAction(async (parse, ct) =>
        {
            await StorageSetup.MigrateAsync(app.Services, ct);
            await using var scope = app.Services.CreateAsyncScope();
            if (await scope.ServiceProvider.GetRequiredService<AdminBootstrap>().RunAsync(ct) is { } passwordFile)
            {
                // stderr, so that stdout carries only the token for scripts; where the password is, not the password.
                System.Console.Error.WriteLine($"Created the admin account; its one-time password is in {passwordFile} (readable by this user only).");
            }
            var account = await scope.ServiceProvider.GetRequiredService<UserManager<Account>>().FindByNameAsync(parse.GetValue(tokenUser)!);
            if (account is null)
            {
                System.Console.Error.WriteLine($"No account named '{parse.GetValue(tokenUser)}'. Create it with add-user.");
                return 1;
            }
            var (_, secret) = await scope.ServiceProvider.GetRequiredService<AccountService>().IssueTokenAsync(account, parse.GetValue(tokenName)!, null, ct);
            System.Console.WriteLine(secret);
            return 0;
        });

        var to = new Option<string>("--to") { Description = "The folder to write the backup into (a timestamped folder is made inside it).", Required = true };
        var keep = new Option<int?>("--keep") { Description = "Then delete the oldest backups in that folder beyond this many." };
        var backup = new Command("backup", "Back up the database (while the server runs or not): data file, manifest with checksum and row counts.") { to, keep };
        backup.TreatUnmatchedTokensAsErrors = false;
        backup.SetAction(async (parse, ct) =>
        {
            await using var scope = app.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            var record = Backups.BackupRecord.OnDemand(now);
            try
            {
                var (directory, manifest) = await scope.ServiceProvider.GetRequiredService<Backups.DatabaseBackup>().CreateAsync(parse.GetValue(to)!, ct);
                record.Succeed(DateTimeOffset.UtcNow, Path.GetFileName(directory), manifest.Bytes, manifest.TotalRows, manifest.Sha256);
                db.Backups.Add(record);
                await db.SaveChangesAsync(ct);
                System.Console.WriteLine($"Backed up to {directory}: {manifest.Tables.Count} tables, {manifest.TotalRows} rows, {manifest.Bytes} bytes, SHA-256 {manifest.Sha256}.");
                if (parse.GetValue(keep) is { } count)
                {
                    foreach (var removed in Backups.DatabaseBackup.Prune(parse.GetValue(to)!, Math.Max(1, count)))
                    {
                        System.Console.WriteLine($"Deleted the old backup {removed}.");
                    }
                }
                return 0;
            }
            catch (Backups.BackupException e)
            {
                System.Console.Error.WriteLine($"Backup failed: {e.Message}");
                return 1;
            }
        });

        var from = new Option<string>("--from") { Description = "The backup folder (the one holding manifest.json).", Required = true };
        var restore = new Command("restore", "Restore a backup into the configured, empty database, then compare it with the backup's manifest.") { from };
        restore.TreatUnmatchedTokensAsErrors = false;
        restore.SetAction(async (parse, ct) =>
        {
            PrivateFiles.EnsureDirectory(app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<LifelineOptions>>().Value.FullDataDirectory);
            await using var scope = app.Services.CreateAsyncScope();
            try
            {
                var (manifest, check) = await scope.ServiceProvider.GetRequiredService<Backups.DatabaseBackup>().RestoreAsync(parse.GetValue(from)!, ct);
                System.Console.WriteLine($"Restored the backup of {manifest.CreatedAt:yyyy-MM-dd HH:mm:ss} UTC (schema {manifest.Migration}).");
                if (!check.Matches)
                {
                    System.Console.Error.WriteLine($"The restored database differs from the backup's manifest: {string.Join("; ", check.Differences)}");
                    return 1;
                }
                System.Console.WriteLine($"Check: {check.Tables} tables and {check.Rows} rows, as in the manifest; a sample of {check.SampledRows} rows matches.");
                return 0;
            }
            catch (Backups.BackupException e)
            {
                System.Console.Error.WriteLine($"Restore failed: {e.Message}");
                return 1;
            }
        });

        root.Subcommands.Add(migrate);
        root.Subcommands.Add(backup);
        root.Subcommands.Add(restore);
        root.Subcommands.Add(addUser);
        root.Subcommands.Add(createToken);
        return await root.Parse(args).InvokeAsync();
    }
}
