namespace Lifeline.Directory.People.Csv;

/// <summary>What an import does with one row of the file.</summary>
public enum ImportRowAction
{
    /// <summary>A new person.</summary>
    Create,
    /// <summary>An existing person (same e-mail address, or else the same name) gets what the row adds or changes.</summary>
    Update,
    /// <summary>An existing person that the row already describes.</summary>
    Unchanged,
    /// <summary>The row has errors; nothing in the file is stored while any row has.</summary>
    Error,
}

/// <summary>
/// One row of a people CSV as the preview shows it. <c>Row</c> is the line of the file (the header is line 1), as a
/// spreadsheet numbers it. Changes name fields, teams and roles but never a contact value.
/// </summary>
public sealed record ImportRowView(int Row, string Name, ImportRowAction Action, IReadOnlyList<string> Changes, IReadOnlyList<string> Errors);

/// <summary>What an import of people did (<c>Applied</c>) or would do: every row of the file in order.</summary>
public sealed record PeopleImportView(bool Applied, string Summary, int Created, int Updated, int Unchanged, int RowsWithErrors,
    IReadOnlyList<ImportRowView> Rows);
