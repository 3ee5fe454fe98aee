using System.Globalization;
using System.Text;
using CsvHelper;

namespace Lifeline.Api;

/// <summary>
/// A CSV download: a header and rows of text, in the invariant culture, UTF-8. Free text that starts like a formula
/// (=, +, -, @) is escaped, so a spreadsheet shows it rather than runs it.
/// </summary>
public static class CsvFile
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvWriterOptions Options = new() { Injection = CsvInjection.Escape };

    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, Options, leaveOpen: true))
        {
            csv.WriteHeader([.. header]);
            foreach (var row in rows)
            {
                foreach (var field in row)
                {
                    csv.WriteField(field);
                }
                csv.EndRecord();
            }
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A moment as CSV shows it: UTC, to the second, ISO 8601.</summary>
    public static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
