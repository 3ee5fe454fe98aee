using System.Text;

namespace Lifeline.Tests.Infrastructure;

/// <summary>
/// A people CSV as an agency's spreadsheet would give it: <paramref name="count"/> people under a unique tag, each with
/// an e-mail address and a cell phone, every tenth with a work phone, all in <paramref name="team"/>, the first two holding
/// <paramref name="role"/>. <see cref="WithThreeBadRows"/> spoils rows 12, 52 and 122 of the file (the header is row 1).
/// </summary>
public sealed class PeopleCsvSample(string tag, string team, string role, int count = 200)
{
    public const string Header = "Name,Title,Time zone,Teams,Roles,Email,Work phone,Cell phone";

    /// <summary>The lines of the file (header = 1) that <see cref="WithThreeBadRows"/> spoils, and what is wrong with each.</summary>
    public static readonly IReadOnlyDictionary<int, string> BadRows = new Dictionary<int, string>
    {
        [12] = "cell_phone",
        [52] = "no team named",
        [122] = "row 7 already has this address",
    };

    public string Tag => tag;

    public string Name(int i) => $"{tag} Person {i:000}";

    public string Email(int i) => $"{tag.Replace(' ', '.').ToLowerInvariant()}.p{i:000}@example.org";

    /// <summary>
    /// Fictitious NANP numbers (555-01xx is reserved for fiction), 555-0160 to 0199 over five area codes so 200 fit: the demo's
    /// published lines are 555-0100 to 0125 and 0150 to 0152, and these people are on the shared test server, where
    /// <c>ContactListTests</c> checks that no cell number, in any spelling ("555-0100"), is on a masked list.
    /// </summary>
    public static string Cell(int i) => $"+1 {AreaCodes[i / 40]} 555 01{60 + i % 40:00}";

    public static string CellE164(int i) => $"+1{AreaCodes[i / 40]}55501{60 + i % 40:00}";

    private static readonly string[] AreaCodes = ["212", "617", "415", "312", "202"];

    public string Good() => Build(_ => null);

    public string WithThreeBadRows() => Build(i => i switch
    {
        10 => Row(i, cell: "555-12"),
        50 => Row(i, teams: "No Such Team"),
        120 => Row(i, email: Email(5)),
        _ => null,
    });

    private string Build(Func<int, string?> spoil)
    {
        var csv = new StringBuilder(Header).Append("\r\n");
        for (var i = 0; i < count; i++)
        {
            csv.Append(spoil(i) ?? Row(i)).Append("\r\n");
        }
        return csv.ToString();
    }

    private string Row(int i, string? cell = null, string? teams = null, string? email = null) => string.Join(",",
        Name(i),
        i % 3 == 0 ? "\"Analyst, Level 2\"" : "Technician",
        "America/New_York",
        teams ?? team,
        i < 2 ? role : "",
        email ?? Email(i),
        i % 10 == 0 ? $"+1 860 555 01{i % 100:00}" : "",
        cell ?? Cell(i));
}
