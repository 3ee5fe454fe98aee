using System.Net;
using System.Text.Json;
using Lifeline.Access;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Cli;

public sealed class CliLoginTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task Login_CorrectPassword_StoresOwnerOnlyConfigUsedByLaterCommands(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var (userName, password) = await CliRunner.CreateAccountAsync(server, LifelineRoles.Level1Technician);
        // Level 1 technicians must use MFA (Lifeline:SignIn:MfaRequiredForRoles): without it, no token.
        using (var refused = new CliRunner(server))
        {
            var withoutMfa = await refused.RunWithInputAsync(password + "\n", "login", "--server", CliRunner.ServerUrl, "--user", userName, "--password-stdin");
            Assert.NotEqual(0, withoutMfa.ExitCode);
            Assert.Contains("Enrol MFA first", withoutMfa.Error, StringComparison.Ordinal);
        }
        var recoveryCode = await EnrolMfaAsync(server, userName, password);
        using var cli = new CliRunner(server);

        var login = await cli.RunWithInputAsync(password + "\n", "login", "--server", CliRunner.ServerUrl, "--user", userName, "--password-stdin", "--code", recoveryCode);

        Assert.True(login.ExitCode == 0, login.Error);
        Assert.Contains($"as {userName}", login.Out);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(cli.ConfigPath));
        }
        var config = JsonDocument.Parse(File.ReadAllText(cli.ConfigPath)).RootElement;
        Assert.Equal(CliRunner.ServerUrl, config.GetProperty("server").GetString());
        var token = config.GetProperty("token").GetString();
        Assert.StartsWith("llt_", token);
        Assert.DoesNotContain(token!, login.Out);
        await server.ClientWithToken(token!).GetAsync("/api/v1/me").ExpectAsync(HttpStatusCode.OK);

        var whoami = await cli.RunAsync("whoami");
        Assert.Equal(0, whoami.ExitCode);
        Assert.Contains(userName, whoami.Out);
        Assert.Contains(LifelineRoles.Level1Technician, whoami.Out);
    }

    /// <summary>Enrols an authenticator for the account and returns one of its recovery codes.</summary>
    private static async Task<string> EnrolMfaAsync(LifelineServer server, string userName, string password)
    {
        var browser = server.CreateClient();
        await browser.PostJson("/api/v1/auth/login", new { userName, password }).ExpectAsync(HttpStatusCode.OK);
        var started = await browser.PostAsync("/api/v1/me/mfa/enrolment", null).ExpectAsync(HttpStatusCode.OK);
        var secret = OtpNet.Base32Encoding.ToBytes(started.GetProperty("secret").GetString()!);
        var confirmed = await browser.PostJson("/api/v1/me/mfa/confirm", new { code = Lifeline.Access.Mfa.TotpCodes.Compute(secret, DateTimeOffset.UtcNow) })
            .ExpectAsync(HttpStatusCode.OK);
        return confirmed.GetProperty("recoveryCodes")[0].GetString()!;
    }

    [Fact]
    public async Task Login_WrongPassword_PlainErrorExitOneNothingStored()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var (userName, _) = await CliRunner.CreateAccountAsync(server, LifelineRoles.Viewer);
        using var cli = new CliRunner(server);

        var login = await cli.RunWithInputAsync("not-the-password\n", "login", "--server", CliRunner.ServerUrl, "--user", userName, "--password-stdin");

        Assert.Equal(1, login.ExitCode);
        Assert.Equal("Sign-in failed: The user name or password is wrong.", login.Error.Trim());
        Assert.DoesNotContain("   at ", login.Error);
        Assert.False(File.Exists(cli.ConfigPath));
    }

    [Fact]
    public async Task Login_ValidToken_ChecksItAndStoresIt()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var cli = new CliRunner(server);

        var login = await cli.RunAsync("login", "--server", CliRunner.ServerUrl + "/", "--token", LifelineServer.AdminToken);

        Assert.True(login.ExitCode == 0, login.Error);
        Assert.Contains("as admin", login.Out);
        var config = JsonDocument.Parse(File.ReadAllText(cli.ConfigPath)).RootElement;
        Assert.Equal(LifelineServer.AdminToken, config.GetProperty("token").GetString());
        Assert.Equal(CliRunner.ServerUrl, config.GetProperty("server").GetString());
    }

    [Fact]
    public async Task Login_UnknownToken_RefusedNothingStored()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var cli = new CliRunner(server);

        var login = await cli.RunAsync("login", "--server", CliRunner.ServerUrl, "--token", "llt_not-a-real-token-000000000000000000");

        Assert.Equal(1, login.ExitCode);
        Assert.Contains("does not accept this token", login.Error);
        Assert.False(File.Exists(cli.ConfigPath));
    }

    [Fact]
    public async Task Logout_AfterPasswordLogin_RevokesAndForgetsToken()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var (userName, password) = await CliRunner.CreateAccountAsync(server, LifelineRoles.Viewer);
        using var cli = new CliRunner(server);
        Assert.Equal(0, (await cli.RunWithInputAsync(password + "\n", "login", "--server", CliRunner.ServerUrl, "--user", userName, "--password-stdin")).ExitCode);
        var token = JsonDocument.Parse(File.ReadAllText(cli.ConfigPath)).RootElement.GetProperty("token").GetString()!;

        var logout = await cli.RunAsync("logout");

        Assert.True(logout.ExitCode == 0, logout.Error);
        var config = JsonDocument.Parse(File.ReadAllText(cli.ConfigPath)).RootElement;
        Assert.Equal(JsonValueKind.Null, config.GetProperty("token").ValueKind);
        await server.ClientWithToken(token).GetAsync("/api/v1/me").ExpectProblemAsync(HttpStatusCode.Unauthorized);
        var whoami = await cli.RunAsync("whoami");
        Assert.Equal(1, whoami.ExitCode);
        Assert.Contains("run lifeline login", whoami.Error);
    }

    [Fact]
    public async Task Whoami_NoConfig_TellsToLogIn()
    {
        using var cli = new CliRunner(await servers.GetAsync(DatabaseProvider.Sqlite));

        var whoami = await cli.RunAsync("whoami");

        Assert.Equal(1, whoami.ExitCode);
        Assert.Equal("no server configured: run lifeline login --server URL (or set LIFELINE_SERVER)", whoami.Error.Trim());
    }

    [Fact]
    public async Task Whoami_RevokedToken_TellsToLogInAgain()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        using var cli = new CliRunner(server);
        await cli.SignInAsync(LifelineServer.AdminToken);
        cli.Environment["LIFELINE_TOKEN"] = "llt_revoked-or-never-issued-000000000000";

        var whoami = await cli.RunAsync("whoami");

        Assert.Equal(1, whoami.ExitCode);
        Assert.Equal("not signed in or token revoked: run lifeline login", whoami.Error.Trim());
    }

    [Fact]
    public async Task Whoami_EnvironmentServerAndToken_OverrideConfigFile()
    {
        var server = await servers.GetAsync(DatabaseProvider.Sqlite);
        var viewer = await server.ClientAsAsync(LifelineRoles.Viewer);
        using var cli = new CliRunner(server);
        await cli.SignInAsync(LifelineServer.AdminToken);
        cli.Environment["LIFELINE_TOKEN"] = viewer.DefaultRequestHeaders.Authorization!.Parameter!;
        cli.Environment["LIFELINE_SERVER"] = "http://127.0.0.1";

        var whoami = await cli.RunAsync("whoami");

        Assert.True(whoami.ExitCode == 0, whoami.Error);
        Assert.Contains(LifelineRoles.Viewer, whoami.Out);
        Assert.DoesNotContain(LifelineRoles.Admin, whoami.Out);
        Assert.Contains("http://127.0.0.1", whoami.Out);
    }
}
