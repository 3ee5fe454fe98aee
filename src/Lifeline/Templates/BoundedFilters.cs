using System.Collections;
using System.Text.RegularExpressions;
using DotLiquid;

namespace Lifeline.Templates;

/// <summary>
/// The standard filters that can make a value many times longer than their input, each refusing a result past
/// <see cref="RenderLimits.MaxValueChars"/>. Added to every render's context, they replace DotLiquid's filters of
/// the same name and arity. <c>replace</c>, <c>join</c> and <c>times</c> are checked before the result is built:
/// their results grow with the product of two inputs, far past memory in one call.
/// </summary>
internal static class BoundedFilters
{
    public static string Append(string input, string @string) => Checked(StandardFilters.Append(input, @string), "append");

    public static string Prepend(string input, string @string) => Checked(StandardFilters.Prepend(input, @string), "prepend");

    public static string Escape(string input) => Checked(StandardFilters.Escape(input), "escape");

    public static string H(string input) => Checked(StandardFilters.H(input), "h");

    public static string EscapeOnce(string input) => Checked(StandardFilters.EscapeOnce(input), "escape_once");

    public static string UrlEncode(string input) => Checked(StandardFilters.UrlEncode(input), "url_encode");

    public static string NewlineToBr(string input) => Checked(StandardFilters.NewlineToBr(input), "newline_to_br");

    public static string Base64Encode(string input) => Checked(StandardFilters.Base64Encode(input), "base64_encode");

    public static string Base64UrlSafeEncode(string input) => Checked(StandardFilters.Base64UrlSafeEncode(input), "base64_url_safe_encode");

    public static IEnumerable Concat(IEnumerable left, IEnumerable right) => Checked(StandardFilters.Concat(left, right), "concat");

    public static string Replace(Context context, string input, string @string, string replacement = "")
    {
        Bound(context, input, @string, replacement, all: true);
        return Checked(StandardFilters.Replace(context, input, @string, replacement), "replace");
    }

    public static string ReplaceFirst(Context context, string input, string @string, string replacement = "")
    {
        Bound(context, input, @string, replacement, all: false);
        return Checked(StandardFilters.ReplaceFirst(context, input, @string, replacement), "replace_first");
    }

    public static string Join(IEnumerable input, string glue = " ")
    {
        if (input is null)
        {
            return null!;
        }
        long length = 0;
        var count = 0;
        foreach (var item in input)
        {
            length += (count++ == 0 ? 0 : glue?.Length ?? 0) + (item?.ToString()?.Length ?? 0);
            Within(length, "join");
        }
        return StandardFilters.Join(input, glue!);
    }

    public static object Times(Context context, object input, object operand)
    {
        // Before DotLiquid 2.1 syntax, "text" | times: n repeats the text n times (lazily, joined when written).
        if (input is string text && operand is int or long)
        {
            Within(text.Length * Math.Max(1, Convert.ToInt64(operand, System.Globalization.CultureInfo.InvariantCulture)), "times");
        }
        return StandardFilters.Times(context, input, operand);
    }

    /// <summary>The value unchanged, or <see cref="RenderLimitHit"/> when it is too long a string or too long a list.</summary>
    public static T Checked<T>(T value, string what)
    {
        switch (value)
        {
            case string s:
                Within(s.Length, what);
                break;
            case ICollection c:
                Within(c.Count, what);
                break;
        }
        return value;
    }

    /// <summary>
    /// The most a replacement can produce: each occurrence (literal from DotLiquid 2.1 syntax, a regular expression
    /// before it) replaced, where a replacement's <c>$0</c> can repeat at most the whole input.
    /// </summary>
    private static void Bound(Context context, string input, string pattern, string replacement, bool all)
    {
        if (string.IsNullOrEmpty(input) || string.IsNullOrEmpty(pattern))
        {
            return;
        }
        var occurrences = context.SyntaxCompatibilityLevel >= SyntaxCompatibility.DotLiquid21
            ? Occurrences(input, pattern)
            : Regex.Count(input, pattern, RegexOptions.None, Template.RegexTimeOut);
        var growth = (long)(replacement?.Length ?? 0) + ((replacement?.Count(c => c == '$') ?? 0) * (long)input.Length);
        Within(input.Length + (Math.Min(occurrences, all ? int.MaxValue : 1) * growth), all ? "replace" : "replace_first");
    }

    private static long Occurrences(string input, string pattern)
    {
        long count = 0;
        for (var at = input.IndexOf(pattern, StringComparison.Ordinal); at >= 0; at = input.IndexOf(pattern, at + pattern.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    private static void Within(long length, string what)
    {
        if (length > RenderLimits.MaxValueChars)
        {
            throw new RenderLimitHit($"'{what}' making a value longer than {RenderLimits.MaxValueChars} characters");
        }
    }
}
