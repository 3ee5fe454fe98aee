namespace Lifeline.Console.Reports;

/// <summary>One measure a <see cref="BarChart"/> draws for every row: its name in the legend and its bar style.</summary>
public sealed record ChartSeries(string Name, string Style);

/// <summary>One row of a <see cref="BarChart"/>: a label and one value per series (null: nothing to measure), with the text shown beside each bar.</summary>
public sealed record ChartRow(string Label, IReadOnlyList<double?> Values, IReadOnlyList<string> Texts);
