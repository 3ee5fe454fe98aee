using System.Globalization;

namespace Lifeline.Templates;

/// <summary>A <see cref="StringWriter"/> that refuses to hold more than a given number of characters, so output never grows past its limit.</summary>
internal sealed class BoundedWriter(int maxChars, string what) : StringWriter(CultureInfo.InvariantCulture)
{
    public override void Write(char value)
    {
        Reserve(1);
        base.Write(value);
    }

    public override void Write(string? value)
    {
        Reserve(value?.Length ?? 0);
        base.Write(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        Reserve(count);
        base.Write(buffer, index, count);
    }

    public override void Write(ReadOnlySpan<char> buffer)
    {
        Reserve(buffer.Length);
        base.Write(buffer);
    }

    private void Reserve(int count)
    {
        if (GetStringBuilder().Length + (long)count > maxChars)
        {
            throw new RenderLimitHit($"{what} longer than {maxChars} characters");
        }
    }
}
