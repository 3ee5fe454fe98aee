using System.Diagnostics;
using Lifeline.Tests.Infrastructure;

namespace Lifeline.Tests.Server;

/// <summary>The systemd unit in <c>deploy/</c>: valid for systemd, and it runs Lifeline as its own user, hardened, with private files.</summary>
public sealed class DeploymentTests
{
    private static string Repository()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Lifeline.slnx")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("The repository's root (Lifeline.slnx) is not above the test's folder.");
    }

    private static Dictionary<string, List<string>> Settings(string unit) =>
        File.ReadAllLines(unit).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#') && !l.StartsWith('[') && l.Contains('='))
            .GroupBy(l => l[..l.IndexOf('=')], StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(l => l[(l.IndexOf('=') + 1)..]).ToList(), StringComparer.Ordinal);

    [Fact]
    public void SystemdUnit_DedicatedUserHardeningAndPrivateFiles()
    {
        var settings = Settings(Path.Combine(Repository(), "deploy", "lifeline.service"));
        string One(string key) => Assert.Single(settings[key]);

        Assert.Equal("lifeline", One("User"));
        Assert.Equal("/usr/bin/dotnet /opt/lifeline/Lifeline.dll", One("ExecStart"));
        Assert.Equal("0077", One("UMask"));
        Assert.Equal("0700", One("StateDirectoryMode"));
        Assert.Contains("Lifeline__DataDirectory=/var/lib/lifeline", settings["Environment"]);
        Assert.Equal("yes", One("NoNewPrivileges"));
        Assert.Equal("strict", One("ProtectSystem"));
        Assert.Equal("yes", One("ProtectHome"));
        Assert.Equal("", One("CapabilityBoundingSet"));
        Assert.Equal("always", One("Restart"));
        // The proxy's address is set in the environment file the unit reads.
        Assert.Equal("-/etc/lifeline/lifeline.env", One("EnvironmentFile"));
        Assert.Contains("Lifeline__ForwardedHeaders__KnownProxies__0=127.0.0.1", File.ReadAllLines(Path.Combine(Repository(), "deploy", "lifeline.env.example")));
    }

    [Fact]
    public async Task SystemdUnit_PassesSystemdAnalyzeVerify()
    {
        TestEnvironment.Require(File.Exists("/usr/bin/systemd-analyze"), "systemd-analyze (Debian's systemd)");
        var start = new ProcessStartInfo("/usr/bin/systemd-analyze") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in new[] { "verify", "--man=no", Path.Combine(Repository(), "deploy", "lifeline.service") })
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        // Only the unit's own findings count: a machine without /usr/bin/dotnet or the lifeline user is not the unit's fault.
        var findings = errors.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.Contains("lifeline.service", StringComparison.Ordinal) && !l.Contains("Command /usr/bin/dotnet", StringComparison.Ordinal)).ToList();
        Assert.True(findings.Count == 0, string.Join('\n', findings));
    }
}
