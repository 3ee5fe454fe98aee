namespace Lifeline.Cli.Output;

/// <summary>A plain text table with columns aligned by padding, readable in any terminal and in a pasted chat message.</summary>
public sealed class Table(params string[] headers)
{
    private const string Gap = "  ";
    private readonly List<string[]> _rows = [];

    public int Count => _rows.Count;

    public Table Add(params string?[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"A row has {headers.Length} cells, not {cells.Length}.", nameof(cells));
        }
        _rows.Add([.. cells.Select(c => Clean(c))]);
        return this;
    }

    /// <summary>Writes the table; without the header it reads as a list of "name  value" lines.</summary>
    public void Write(TextWriter writer, bool header = true)
    {
        var widths = headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(header ? h.Length : 0).Max()).ToArray();
        if (header)
        {
            WriteRow(writer, headers, widths);
        }
        foreach (var row in _rows)
        {
            WriteRow(writer, row, widths);
        }
    }

    private static void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        var line = string.Join(Gap, cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i])));
        writer.WriteLine(line.TrimEnd());
    }

    // A missing value shows as "-" and an empty one stays blank (a row continuing the one above).
    // A line break or a tab would break the alignment of every row after it.
    private static string Clean(string? cell) =>
        cell is null ? "-" : cell.ReplaceLineEndings(" ").Replace('\t', ' ');
}
