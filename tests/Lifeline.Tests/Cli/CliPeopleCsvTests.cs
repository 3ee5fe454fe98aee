using System.Net;
using Lifeline.Storage;
using Lifeline.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Lifeline.Tests.Cli;

public sealed class CliPeopleCsvTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task PeopleImport_BadRowsThenFixedWithApply_OneLinePerErrorThenStoredAndExported(DatabaseProvider provider)
    {
        var server = await servers.GetAsync(provider);
        var admin = server.AdminClient();
        var team = TestData.Unique("Cli Csv Team");
        var role = TestData.Unique("Cli Csv Role");
        await admin.CreateTeamAsync(team);
        await admin.PostJson("/api/v1/roles", new { name = role }).ExpectAsync(HttpStatusCode.Created);
        var sample = new PeopleCsvSample(TestData.Unique("Cli"), team, role);
        using var cli = new CliRunner(server);
        await cli.SignInAsync(LifelineServer.AdminToken);
        var directory = System.IO.Directory.CreateTempSubdirectory("lifeline-cli-csv-");
        try
        {
            var file = Path.Combine(directory.FullName, "people.csv");
            await File.WriteAllTextAsync(file, sample.WithThreeBadRows(), TestContext.Current.CancellationToken);

            var preview = await cli.RunAsync("people", "import", file, "--apply");

            Assert.Equal(1, preview.ExitCode);
            var lines = preview.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Concat(preview.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
            foreach (var (line, says) in PeopleCsvSample.BadRows)
            {
                Assert.Single(lines, l => l.StartsWith($"row {line}: ", StringComparison.Ordinal) && l.Contains(says, StringComparison.Ordinal));
            }
            Assert.Equal(3, lines.Count(l => l.StartsWith("row ", StringComparison.Ordinal)));
            Assert.Equal(0, await CountAsync(server, sample.Tag));

            await File.WriteAllTextAsync(file, sample.Good(), TestContext.Current.CancellationToken);
            var dryRun = await cli.RunAsync("people", "import", file);
            Assert.True(dryRun.ExitCode == 0, dryRun.Error);
            Assert.Contains("Run again with --apply", dryRun.Out, StringComparison.Ordinal);
            Assert.Equal(0, await CountAsync(server, sample.Tag));

            var applied = await cli.RunAsync("people", "import", file, "--apply");
            Assert.True(applied.ExitCode == 0, applied.Error);
            Assert.Contains("200 to create", applied.Out, StringComparison.Ordinal);
            Assert.Equal(200, await CountAsync(server, sample.Tag));

            var exported = Path.Combine(directory.FullName, "export.csv");
            var export = await cli.RunAsync("people", "export", "-o", exported);
            Assert.True(export.ExitCode == 0, export.Error);
            var csv = await File.ReadAllTextAsync(exported, TestContext.Current.CancellationToken);
            Assert.Contains(sample.Name(199), csv, StringComparison.Ordinal);
            Assert.Contains(PeopleCsvSample.CellE164(199), csv, StringComparison.Ordinal);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(exported));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static async Task<int> CountAsync(LifelineServer server, string tag)
    {
        await using var scope = server.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LifelineDbContext>().People.CountAsync(p => p.Name.StartsWith(tag), TestContext.Current.CancellationToken);
    }
}
