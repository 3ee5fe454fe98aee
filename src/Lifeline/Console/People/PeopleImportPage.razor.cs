using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Directory.People.Csv;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;

namespace Lifeline.Console.People;

/// <summary>
/// The CSV import for admins: a file's preview, then Apply. The page only reads the file and shows what
/// <see cref="PeopleCsvImport"/> answers; the import decides every row and stores all or nothing.
/// </summary>
public partial class PeopleImportPage
{
    [Inject] private ConsoleSession Session { get; set; } = default!;

    private string? _text;
    private string? _fileName;
    private PeopleImportView? _preview;
    private Problem? _problem;
    private string? _done;
    private bool _busy;

    private async Task PreviewAsync(InputFileChangeEventArgs e)
    {
        _preview = null;
        _done = null;
        _problem = null;
        _text = null;
        var file = e.File;
        _fileName = file.Name;
        if (file.Size > PeopleCsv.MaxBytes)
        {
            _problem = Problem.Field("file", $"{file.Name} is larger than {PeopleCsv.MaxBytes / (1024 * 1024)} MB; split it into several files.");
            return;
        }
        using (var reader = new StreamReader(file.OpenReadStream(PeopleCsv.MaxBytes), System.Text.Encoding.UTF8))
        {
            _text = await reader.ReadToEndAsync();
        }
        await RunAsync(apply: false);
    }

    private Task ApplyAsync() => RunAsync(apply: true);

    private async Task RunAsync(bool apply)
    {
        if (_text is not { } text)
        {
            return;
        }
        _busy = true;
        try
        {
            var outcome = await Session.RunAsync<PeopleCsvImport, Outcome<PeopleImportView>>((i, actor) => i.ImportAsync(actor, text, apply, CancellationToken.None));
            if (outcome.Refusal is { } refusal)
            {
                _problem = refusal.Errors is null ? Problem.Field("file", refusal.Detail) : Problem.Of(refusal);
                _preview = null;
                return;
            }
            _preview = outcome.Value;
            _done = _preview!.Applied ? $"Stored: {_preview.Created} added, {_preview.Updated} updated." : null;
        }
        finally
        {
            _busy = false;
        }
    }

    private static string Describe(ImportRowAction action) => action switch
    {
        ImportRowAction.Create => "Add",
        ImportRowAction.Update => "Update",
        ImportRowAction.Unchanged => "No change",
        _ => "Not imported",
    };
}
