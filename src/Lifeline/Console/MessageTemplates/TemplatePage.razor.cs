using Lifeline.Api;
using Lifeline.Console.Widgets;
using Lifeline.Templates;
using Microsoft.AspNetCore.Components;

namespace Lifeline.Console.MessageTemplates;

/// <summary>
/// One message template: its parts edited as text, a preview of the draft against the sample incident or a real one as the
/// admin types, saving and resetting to the default. What is valid, and on which line a mistake is, is
/// <see cref="TemplateCatalogue"/>'s to say (the API's PUT and preview give the same messages).
/// </summary>
public partial class TemplatePage : IDisposable
{
    /// <summary>How long typing must pause before the draft is rendered again: a render per keystroke would only flicker.</summary>
    private static readonly TimeSpan PreviewPause = TimeSpan.FromMilliseconds(600);

    [Parameter] public string Key { get; set; } = "";
    [Inject] private ConsoleSession Session { get; set; } = default!;
    [Inject] private ViewerClock Clock { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private MessageTemplateView? _template;
    private string? _subject;
    private string? _text;
    private string? _html;
    private string? _short;
    private string? _incident;
    private Problem? _problem;
    private string? _done;
    private bool _confirmReset;
    private TemplatePreviewView? _preview;
    private Problem? _previewProblem;
    private CancellationTokenSource? _typing;

    protected override async Task OnParametersSetAsync()
    {
        var found = await Session.RunAsync<TemplateCatalogue, Outcome<MessageTemplateView>>((c, _) => c.GetAsync(Key, CancellationToken.None));
        Show(found.Value);
        if (_template is not null)
        {
            await PreviewAsync();
        }
    }

    private void Show(MessageTemplateView? template)
    {
        _template = template;
        _subject = template?.Subject;
        _text = template?.TextBody;
        _html = template?.HtmlBody;
        _short = template?.ShortForm;
    }

    private async Task DraftChanged()
    {
        _done = null;
        if (_typing is not null)
        {
            await _typing.CancelAsync();
            _typing.Dispose();
        }
        _typing = new CancellationTokenSource();
        try
        {
            await Task.Delay(PreviewPause, Time, _typing.Token);
        }
        catch (TaskCanceledException)
        {
            return;
        }
        await PreviewAsync();
    }

    private async Task PreviewAsync()
    {
        var request = new TemplatePreviewRequest(string.IsNullOrWhiteSpace(_incident) ? null : _incident.Trim(), _subject ?? "", _text ?? "", _html ?? "", _short ?? "");
        var outcome = await Session.RunAsync<TemplateCatalogue, Outcome<TemplatePreviewView>>((c, actor) => c.PreviewAsync(actor, Key, request, CancellationToken.None));
        var problem = Problem.Of(outcome.Refusal);
        // The draft's own mistakes belong beside its fields; a wrong incident number or a failed render, beside the preview.
        var draftFields = problem?.Fields.Where(f => f.Key is "subject" or "textBody" or "htmlBody" or "shortForm").ToDictionary(f => f.Key, f => f.Value);
        _problem = draftFields is { Count: > 0 } ? problem! with { Fields = draftFields } : null;
        _previewProblem = draftFields is { Count: > 0 } ? null : problem;
        _preview = outcome.Value;
    }

    private async Task SaveAsync()
    {
        _done = null;
        var request = new MessageTemplateRequest(_subject, _text, _html, _short);
        var outcome = await Session.RunAsync<TemplateCatalogue, Outcome<MessageTemplateView>>((c, actor) => c.UpdateAsync(actor, Key, request, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } saved)
        {
            _template = saved;
            _done = "Saved: the next message uses this text.";
        }
    }

    private async Task ResetAsync()
    {
        _done = null;
        _confirmReset = false;
        var outcome = await Session.RunAsync<TemplateCatalogue, Outcome<MessageTemplateView>>((c, actor) => c.ResetAsync(actor, Key, CancellationToken.None));
        _problem = Problem.Of(outcome.Refusal);
        if (outcome.Value is { } reset)
        {
            Show(reset);
            _done = "Reset: the template is the default text again.";
            await PreviewAsync();
        }
    }

    public void Dispose()
    {
        _typing?.Cancel();
        _typing?.Dispose();
        GC.SuppressFinalize(this);
    }
}
