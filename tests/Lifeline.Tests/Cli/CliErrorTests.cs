using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Cli;

public sealed class CliErrorTests(SharedServers servers)
{
    [Fact]
    public async Task PeopleList_PageZero_PrintsValidationProblemAsPlainMessage()
    {
        using var cli = new CliRunner(await servers.GetAsync(DatabaseProvider.Sqlite));
        await cli.SignInAsync(LifelineServer.AdminToken);

        var list = await cli.RunAsync("people", "list", "--page", "0");

        Assert.Equal(1, list.ExitCode);
        Assert.Equal(["One or more validation errors occurred.", "  page: page is between 1 and 1000000."], list.Error.TrimEnd().Split(Environment.NewLine));
        Assert.Equal("", list.Out);
    }

    [Fact]
    public async Task PeopleShow_UnknownId_PrintsNotFoundAsPlainMessage()
    {
        using var cli = new CliRunner(await servers.GetAsync(DatabaseProvider.Sqlite));
        await cli.SignInAsync(LifelineServer.AdminToken);
        var id = Guid.NewGuid();

        var show = await cli.RunAsync("people", "show", id.ToString());

        Assert.Equal(1, show.ExitCode);
        Assert.Equal($"Not found: No person with id '{id}'.", show.Error.Trim());
    }

    [Fact]
    public async Task PeopleShow_UnknownName_SaysNobodyMatches()
    {
        using var cli = new CliRunner(await servers.GetAsync(DatabaseProvider.Sqlite));
        await cli.SignInAsync(LifelineServer.AdminToken);

        var show = await cli.RunAsync("people", "show", "Nobody Of-That-Name");

        Assert.Equal(1, show.ExitCode);
        Assert.StartsWith("no person matches 'Nobody Of-That-Name'", show.Error);
    }

    [Fact]
    public async Task Whoami_ServerUnreachable_ExitsTwoWithPlainMessage()
    {
        var port = CliRunner.ClosedPort();
        using var cli = new CliRunner(server: null);
        cli.Environment["LIFELINE_SERVER"] = $"http://127.0.0.1:{port}";
        cli.Environment["LIFELINE_TOKEN"] = LifelineServer.AdminToken;

        var whoami = await cli.RunAsync("whoami");

        Assert.Equal(2, whoami.ExitCode);
        Assert.Equal($"cannot reach http://127.0.0.1:{port}: connection refused", whoami.Error.Trim());
        Assert.Equal("", whoami.Out);
    }

    [Fact]
    public async Task Login_ServerUnreachable_ExitsTwoNothingStored()
    {
        var port = CliRunner.ClosedPort();
        using var cli = new CliRunner(server: null);

        var login = await cli.RunWithInputAsync("whatever\n", "login", "--server", $"http://127.0.0.1:{port}", "--user", "admin", "--password-stdin");

        Assert.Equal(2, login.ExitCode);
        Assert.StartsWith($"cannot reach http://127.0.0.1:{port}", login.Error);
        Assert.False(File.Exists(cli.ConfigPath));
    }

    [Fact]
    public async Task Login_ServerNotAUrl_PlainMessage()
    {
        using var cli = new CliRunner(server: null);

        var login = await cli.RunAsync("login", "--server", "lifeline.example.org", "--token", "x");

        Assert.Equal(1, login.ExitCode);
        Assert.Contains("is not a server address", login.Error);
    }
}
