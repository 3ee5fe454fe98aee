namespace Lifeline.Tests.Infrastructure;

/// <summary>What the test run has: ./test.sh sets LIFELINE_TEST_POSTGRES; CI=true forbids skipping.</summary>
public static class TestEnvironment
{
    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable("LIFELINE_TEST_POSTGRES") is { Length: > 0 } cs ? cs : null;

    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (locally) or fails (in CI) a test that needs something the machine lacks.</summary>
    public static void Require(bool available, string what)
    {
        if (available)
        {
            return;
        }
        var reason = $"{what} is not available: run ./test.sh, which installs and starts it.";
        if (IsCi)
        {
            Assert.Fail(reason + " In CI (CI=true) nothing may skip.");
        }
        Assert.Skip(reason);
    }
}
