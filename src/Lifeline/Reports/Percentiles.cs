namespace Lifeline.Reports;

/// <summary>
/// The two figures reports give for a duration. The median of an even count is the mean of the two middle values; the
/// 90th percentile is the nearest rank (the value at position ⌈0.9·n⌉ in ascending order), so it is always a time that
/// really happened. Minutes, rounded to one decimal; null when there is nothing to measure.
/// </summary>
public static class Percentiles
{
    public static double? Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return Round(sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2);
    }

    public static double? P90(IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }
        var sorted = values.Order().ToList();
        return Round(sorted[(int)Math.Ceiling(0.9 * sorted.Count) - 1]);
    }

    /// <summary>A share as a percentage with one decimal; null when nothing was judged.</summary>
    public static double? Percent(int part, int whole) => whole == 0 ? null : Round(100.0 * part / whole);

    public static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);
}
