using System.Globalization;
using CsvHelper;
using Lifeline.Api;

namespace Lifeline.Directory.People.Csv;

/// <summary>One data row of a people CSV: its line in the file and its cells by column.</summary>
public sealed record PeopleCsvRow(int Line, IReadOnlyDictionary<string, string> Cells)
{
    public string Cell(string column) => Cells.TryGetValue(column, out var value) ? PeopleCsv.Unescape(value.Trim()) : "";

    /// <summary>A cell that lists several values (teams, roles, addresses, numbers), separated by semicolons.</summary>
    public IReadOnlyList<string> List(string column) =>
        [.. Cell(column).Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(PeopleCsv.Unescape)];
}

/// <summary>
/// The people CSV that the import reads and the export writes, with one header row and these columns (names matched
/// ignoring case, spaces, hyphens and underscores; any order; only <c>name</c> is required):
/// <c>name, title, time_zone, teams, roles, email, work_phone, cell_phone, notes</c>. Teams, roles, e-mail addresses and
/// phone numbers may list several values separated by semicolons. The file is UTF-8, comma-separated, RFC 4180 quoting.
/// </summary>
public static class PeopleCsv
{
    public const string MediaType = "text/csv";
    public const string Name = "name";
    public const string Title = "title";
    public const string TimeZone = "time_zone";
    public const string Teams = "teams";
    public const string Roles = "roles";
    public const string Email = "email";
    public const string WorkPhone = "work_phone";
    public const string CellPhone = "cell_phone";
    public const string Notes = "notes";

    public static readonly IReadOnlyList<string> Columns = [Name, Title, TimeZone, Teams, Roles, Email, WorkPhone, CellPhone, Notes];

    /// <summary>A few thousand contacts fit easily; a bigger file is a mistake or an attack, and a preview of it unreadable.</summary>
    public const long MaxBytes = 2 * 1024 * 1024;

    public const int MaxRows = 5000;

    private static readonly CsvReaderOptions ReaderOptions = new()
    {
        MalformedData = CsvMalformedDataHandling.Throw,
        FieldCountMismatch = CsvFieldCountHandling.Throw,
        TrackLineNumbers = true,
        IncludeValuesInExceptions = false,
        MaxRecordSize = 64 * 1024,
    };

    /// <summary>The rows of the file, or why the file as a whole cannot be read (400, or 413 when too large).</summary>
    public static Outcome<IReadOnlyList<PeopleCsvRow>> Read(string text)
    {
        if (text.Length > MaxBytes)
        {
            return TooLarge($"The file is larger than {MaxBytes / (1024 * 1024)} MB; split it into several files.");
        }
        if (string.IsNullOrWhiteSpace(text))
        {
            return Unreadable($"The file is empty. Its first line names the columns: {string.Join(",", Columns)}.");
        }
        var rows = new List<PeopleCsvRow>();
        try
        {
            using var csv = CsvReader.Create(new StringReader(text), ReaderOptions, false);
            var headers = csv.Headers.Select(h => h ?? "").ToList();
            var columns = new List<string>();
            foreach (var header in headers)
            {
                var column = Column(header);
                if (column is null)
                {
                    return Unreadable($"The column '{Short(header)}' is not one the import knows. The columns are: {string.Join(", ", Columns)}.");
                }
                if (columns.Contains(column))
                {
                    return Unreadable($"The column {column} is there twice.");
                }
                columns.Add(column);
            }
            if (!columns.Contains(Name))
            {
                return Unreadable($"The column name is missing: the first line of the file names the columns, among them name ({string.Join(", ", Columns)}).");
            }
            while (csv.Read())
            {
                if (rows.Count == MaxRows)
                {
                    return TooLarge($"The file has more than {MaxRows} rows; split it into several files.");
                }
                var cells = new Dictionary<string, string>(StringComparer.Ordinal);
                for (var i = 0; i < columns.Count; i++)
                {
                    cells[columns[i]] = csv.GetString(i);
                }
                rows.Add(new PeopleCsvRow((int)csv.LineNumber, cells));
            }
        }
        catch (CsvFormatException e)
        {
            return Unreadable(e.LineNumber > 0
                ? $"The file is not valid CSV at line {e.LineNumber}: {e.Message}"
                : $"The file is not valid CSV: {e.Message}");
        }
        if (rows.Count == 0)
        {
            return Unreadable("The file has a header but no rows.");
        }
        return rows;
    }

    /// <summary>The column a header names, or null: case, spaces, hyphens and underscores do not matter.</summary>
    public static string? Column(string header)
    {
        var key = new string([.. header.Where(c => !char.IsWhiteSpace(c) && c is not '_' and not '-' and not '\uFEFF')]).ToLowerInvariant();
        return Columns.FirstOrDefault(c => c.Replace("_", "", StringComparison.Ordinal) == key)
            ?? key switch
            {
                "timezone" or "tz" or "zone" => TimeZone,
                "team" => Teams,
                "role" => Roles,
                "emailaddress" or "mail" => Email,
                "officephone" or "phone" => WorkPhone,
                "mobile" or "mobilephone" or "cell" => CellPhone,
                _ => null,
            };
    }

    /// <summary>
    /// Undoes the export's guard against spreadsheet formulas: a text that starts with =, +, - or @ is written with an
    /// apostrophe in front, so a spreadsheet shows it instead of running it.
    /// </summary>
    public static string Unescape(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' ? value[1..] : value;

    public static string Escape(string? value) =>
        value is { Length: > 0 } && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value ?? "";

    /// <summary>The file, as CSV text: one row per person, values already shown or masked as the caller may see them.</summary>
    public static string Write(IEnumerable<IReadOnlyList<string>> rows)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(text, new CsvWriterOptions(), leaveOpen: true))
        {
            csv.WriteHeader([.. Columns]);
            foreach (var row in rows)
            {
                foreach (var field in row)
                {
                    csv.WriteField(field);
                }
                csv.EndRecord();
            }
        }
        return text.ToString();
    }

    private static string Short(string header) => header.Length > 40 ? header[..40] + "…" : header;

    private static Refusal Unreadable(string detail) => new(StatusCodes.Status400BadRequest, "The file cannot be imported", detail + " Nothing was stored.");

    private static Refusal TooLarge(string detail) => new(StatusCodes.Status413PayloadTooLarge, "The file is too large", detail + " Nothing was stored.");
}
