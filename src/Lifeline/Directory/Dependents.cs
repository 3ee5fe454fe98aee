namespace Lifeline.Directory;

/// <summary>
/// The words of a referential refusal: what still depends on a directory entry, named so that a person can go and
/// change it ("Leo Brandt manages Enterprise Services; choose another manager first."). The API's 409 and the
/// console show the same sentence.
/// </summary>
public static class Dependents
{
    /// <summary>How many names a sentence lists before it says "and N more".</summary>
    public const int Listed = 5;

    /// <summary>"A", "A and B", "A, B and C", or "A, B, C, D, E and 3 more" when <paramref name="total"/> exceeds the names given.</summary>
    public static string Join(IReadOnlyList<string> names, int? total = null)
    {
        var shown = names.Take(Listed).ToList();
        var more = Math.Max(total ?? names.Count, names.Count) - shown.Count;
        if (more > 0)
        {
            return $"{string.Join(", ", shown)} and {more} more";
        }
        return shown.Count switch
        {
            0 => "",
            1 => shown[0],
            _ => $"{string.Join(", ", shown[..^1])} and {shown[^1]}",
        };
    }
}
