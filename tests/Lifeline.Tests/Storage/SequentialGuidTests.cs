using Lifeline.Storage;

namespace Lifeline.Tests.Storage;

public sealed class SequentialGuidTests
{
    [Fact]
    public void NewGuid_ManyInOneMillisecond_StrictlyIncreaseAsBytesAndAsText()
    {
        var ids = Enumerable.Range(0, 20_000).Select(_ => SequentialGuid.NewGuid()).ToList();

        for (var i = 1; i < ids.Count; i++)
        {
            // PostgreSQL compares uuid bytes in order; SQLite compares the upper-case text EF Core stores.
            Assert.True(ids[i - 1].CompareTo(ids[i]) < 0, $"{ids[i - 1]} !< {ids[i]}");
            Assert.True(string.CompareOrdinal(ids[i - 1].ToString().ToUpperInvariant(), ids[i].ToString().ToUpperInvariant()) < 0);
        }
    }

    [Fact]
    public void NewGuid_IsVersion7WithTheRfcVariantAndTheCurrentTime()
    {
        var before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var id = SequentialGuid.NewGuid();

        Assert.Equal(7, id.Version);
        Assert.Equal(0b10, id.Variant >> 2);
        var milliseconds = Convert.ToInt64(id.ToString("N")[..12], 16);
        Assert.InRange(milliseconds, before, DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() + 5);
    }
}
