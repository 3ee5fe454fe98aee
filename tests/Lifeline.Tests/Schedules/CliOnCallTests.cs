using Lifeline.Storage;
using Lifeline.Tests.Cli;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Schedules;

/// <summary><c>lifeline oncall</c> against a real server with the demo organisation (its rotations start in the current week).</summary>
public sealed class CliOnCallTests(SharedServers servers)
{
    [Theory, DatabaseData]
    public async Task OnCall_RoleHeldThroughSchedule_ShowsWhoIsOnCallAndNext(DatabaseProvider provider)
    {
        using var cli = new CliRunner(await servers.GetAsync(provider));
        await cli.SignInAsync(LifelineServer.AdminToken);

        var role = await cli.RunAsync("oncall", "incident manager 1");

        Assert.True(role.ExitCode == 0, role.Error);
        var lines = role.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("SCHEDULE", lines[0]);
        Assert.Contains("NEXT", lines[0]);
        var row = Assert.Single(lines[1..]);
        Assert.StartsWith("Incident Manager 1 rotation (Incident Manager 1)", row);
        // Henry Castillo has the first week (or is next, in the hour before the first hand-off on a Monday); Aisha Karim follows.
        Assert.Contains("Henry Castillo", row);

        var all = await cli.RunAsync("oncall");
        Assert.True(all.ExitCode == 0, all.Error);
        Assert.Contains(all.Out.Split('\n'), l => l.StartsWith("Incident Manager 1 backup rotation ", StringComparison.Ordinal));

        var direct = await cli.RunAsync("oncall", "IT Manager");
        Assert.Equal(1, direct.ExitCode);
        Assert.Contains("held directly", direct.Error);
    }
}
