namespace Lifeline.Bench;

/// <summary>Percentiles of a sample in milliseconds (nearest rank).</summary>
public sealed record Stats(int Count, double P50, double P99, double Max)
{
    public static Stats Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return new Stats(0, double.NaN, double.NaN, double.NaN);
        }
        return new Stats(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1]);
    }

    private static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() => Count == 0 ? "no samples" : $"p50 {P50:0.0} ms, p99 {P99:0.0} ms, max {Max:0.0} ms (n={Count})";
}
