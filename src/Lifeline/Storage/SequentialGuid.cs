using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Lifeline.Storage;

/// <summary>
/// Version 7 UUIDs (RFC 9562) that strictly increase within this process, so rows written one after another in the
/// same millisecond (an incident's "Closed" and "Survey sent" timeline entries) sort in the order they were written.
/// <see cref="SequentialGuid.NewGuid()"/> fills the bits after the timestamp at random, which orders such rows by chance.
/// This uses the 12-bit <c>rand_a</c> field as a counter within a millisecond (RFC 9562 §6.2, method 1), seeded in its
/// lower half so most milliseconds have room to count; an overflowing counter borrows the next millisecond.
/// </summary>
public static class SequentialGuid
{
    private static readonly Lock Gate = new();
    private static long lastMilliseconds;
    private static int counter;

    public static Guid NewGuid()
    {
        long milliseconds;
        int sequence;
        lock (Gate)
        {
            milliseconds = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
            if (milliseconds > lastMilliseconds)
            {
                lastMilliseconds = milliseconds;
                counter = RandomNumberGenerator.GetInt32(0x800);
            }
            else if (++counter > 0xFFF)
            {
                lastMilliseconds++;
                counter = 0;
            }
            milliseconds = lastMilliseconds;
            sequence = counter;
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        BinaryPrimitives.WriteInt64BigEndian(bytes, milliseconds << 16);
        bytes[6] = (byte)(0x70 | (sequence >> 8));
        bytes[7] = (byte)sequence;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
