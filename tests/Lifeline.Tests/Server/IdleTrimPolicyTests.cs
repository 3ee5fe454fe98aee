using Lifeline.Server;

namespace Lifeline.Tests.Server;

public class IdleTrimPolicyTests
{
    private const long MB = 1024 * 1024;

    [Fact]
    public void TrimsInTheFirstQuietSecondAfterABusySpell_AndThenNotAgainUntilTheNextOne()
    {
        var policy = new IdleTrimPolicy(allocatedAtStart: 0);
        var allocated = 0L;

        // Busy: 20 MB a second. Never while it lasts.
        for (var second = 0; second < 5; second++)
        {
            allocated += 20 * MB;
            Assert.False(policy.ShouldTrim(allocated));
        }

        // The first quiet second: trim.
        allocated += MB;
        Assert.True(policy.ShouldTrim(allocated));
        policy.Trimmed(allocated);

        // Quiet afterwards (the polls allocate a little): not again.
        for (var second = 0; second < 30; second++)
        {
            allocated += MB / 2;
            Assert.False(policy.ShouldTrim(allocated));
        }

        // The quiet seconds' small allocations add up past the busy threshold: one more trim, once.
        allocated += 2 * MB;
        Assert.True(policy.ShouldTrim(allocated));
        policy.Trimmed(allocated);
        Assert.False(policy.ShouldTrim(allocated + MB));
    }

    [Fact]
    public void ALittleActivity_IsNotWorthACollection()
    {
        var policy = new IdleTrimPolicy(allocatedAtStart: 100 * MB);
        Assert.False(policy.ShouldTrim(100 * MB + 2 * MB));
        Assert.False(policy.ShouldTrim(100 * MB + 3 * MB));
    }
}
