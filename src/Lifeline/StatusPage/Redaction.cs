using System.Text.RegularExpressions;

namespace Lifeline.StatusPage;

/// <summary>
/// What the status page blanks in the free text of a status update: e-mail addresses and phone numbers (seven digits or
/// more, with the usual separators), and the full names of the people it is given — the directory's people and the
/// incidents' reporters — since the page is for people who may not see the directory. A name matches as whole words,
/// whatever its case and however many spaces sit between its parts; a surname alone is left, because alone it is
/// rarely a person ("Paris", "Street") and blanking it would garble ordinary sentences.
/// </summary>
public sealed partial class Redaction
{
    public const string ContactWithheld = "[contact withheld]";
    public const string NameWithheld = "[name withheld]";

    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private readonly Regex? _names;

    private Redaction(Regex? names) => _names = names;

    /// <summary>Blanks contact values only.</summary>
    public static Redaction ContactsOnly { get; } = new(null);

    /// <summary>Blanks contact values and these full names (single words and blanks are ignored: see the class remarks).</summary>
    public static Redaction Of(IEnumerable<string?> names)
    {
        var patterns = names.Select(n => n?.Trim()).OfType<string>()
            .Select(n => n.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
            .Where(parts => parts.Length >= 2)
            .Select(parts => string.Join(@"\s+", parts.Select(Regex.Escape)))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            // Longest first, so that "Ana Lucia Reyes" is blanked whole rather than leaving "Ana" after "Lucia Reyes".
            .OrderByDescending(p => p.Length)
            .ToList();
        return patterns.Count == 0 ? ContactsOnly
            // Whole words: not inside "Henry Castillon" or "Pat Doe-Smith", but "Pat Doe's" is Pat Doe.
            : new(new Regex($@"(?<![\w'-])(?:{string.Join('|', patterns)})(?!\w|-\w|'(?!s\b)\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, Timeout));
    }

    public string Apply(string text)
    {
        // Contacts first: an e-mail address such as "henry.castillo@…" holds no name match to break, but a name
        // blanked first could split an address into pieces the address pattern no longer sees.
        var withoutContacts = PhonePattern().Replace(EmailPattern().Replace(text, ContactWithheld), ContactWithheld);
        return _names is null ? withoutContacts : _names.Replace(withoutContacts, NameWithheld);
    }

    [GeneratedRegex(@"[^\s@<>()""',;:]+@[^\s@<>()""',;:]+\.[A-Za-z]{2,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex EmailPattern();

    [GeneratedRegex(@"[+(]?\d(?:[\s().\-/]*\d){6,}", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex PhonePattern();
}
