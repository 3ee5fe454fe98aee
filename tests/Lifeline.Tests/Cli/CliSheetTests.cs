using System.Text;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Cli;

/// <summary><c>lifeline sheet</c>: the Severity 1 contact list, kept encrypted on disk for when the server cannot be reached.</summary>
public sealed class CliSheetTests
{
    // Henry Castillo, Incident Manager 1 in the demo organisation: his cell phone, as stored and as shown.
    private const string HenrysCell = "+18605550106";
    private const string HenrysCellShown = "+1 860-555-0106";

    private static async Task<CliRunner> SignedInAsync(LifelineServer server, string role)
    {
        var (userName, password) = await CliRunner.CreateAccountAsync(server, role);
        var cli = new CliRunner(null);
        var login = await cli.RunWithInputAsync(password + "\n", "login", "--server", server.BaseAddress.ToString(), "--user", userName, "--password-stdin");
        Assert.True(login.ExitCode == 0, login.Error);
        return cli;
    }

    [Fact, System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Sheet_SavedEncrypted_PrintedWithItsAgeWhenTheServerIsDown_DeletedBySignOut()
    {
        var server = await LifelineServer.StartAsync(DatabaseProvider.Sqlite, kestrel: true);
        using var cli = await SignedInAsync(server, LifelineRoles.IncidentManager);

        var online = await cli.RunAsync("sheet");
        Assert.True(online.ExitCode == 0, online.Error);
        Assert.Contains("Henry Castillo", online.Out);
        Assert.Contains(HenrysCellShown, online.Out);
        Assert.DoesNotContain("OFFLINE", online.Out);

        // On disk: readable by its owner only, and neither names nor numbers in it.
        var file = Path.Combine(Path.GetDirectoryName(cli.ConfigPath)!, "sheet.bin");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        var bytes = await File.ReadAllBytesAsync(file, TestContext.Current.CancellationToken);
        Assert.DoesNotContain("Castillo", Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain("860-555-0106", Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        Assert.DoesNotContain(HenrysCell, Encoding.Latin1.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.ConfigPath));

        // The server goes away: the copy is printed, marked as such, with its age.
        await server.DisposeAsync();
        var offline = await cli.RunAsync("sheet");
        Assert.True(offline.ExitCode == 0, offline.Error);
        Assert.StartsWith("OFFLINE COPY:", offline.Out, StringComparison.Ordinal);
        Assert.Contains("just now", offline.Out);
        Assert.Contains("Henry Castillo", offline.Out);
        Assert.Contains(HenrysCellShown, offline.Out);

        // Signing out takes the copy with it.
        await cli.RunAsync("logout");
        Assert.False(File.Exists(file));
        var none = await cli.RunAsync("sheet");
        Assert.NotEqual(0, none.ExitCode);
    }

    [Fact]
    public async Task Sheet_ForARoleThatSeesMaskedValues_KeepsThemMasked()
    {
        await using var server = await LifelineServer.StartAsync(DatabaseProvider.Sqlite, kestrel: true);
        using var cli = await SignedInAsync(server, LifelineRoles.Viewer);

        var sheet = await cli.RunAsync("sheet", "--json");
        Assert.True(sheet.ExitCode == 0, sheet.Error);
        Assert.Contains("Henry Castillo", sheet.Out);
        Assert.DoesNotContain(HenrysCell, sheet.Out);
        Assert.DoesNotContain("860-555-0106", sheet.Out);
        Assert.Contains("\"masked\": true", sheet.Out);
    }
}
