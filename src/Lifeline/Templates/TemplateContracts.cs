namespace Lifeline.Templates;

/// <summary>A template; <see cref="IsDefault"/> says whether its parts are still the ones Lifeline ships.</summary>
public sealed record MessageTemplateView(string Key, string Description, string Subject, string TextBody, string? HtmlBody, string ShortForm,
    DateTimeOffset UpdatedAt, string UpdatedBy, bool IsDefault);

public sealed record MessageTemplateRequest(string? Subject, string? TextBody, string? HtmlBody, string? ShortForm);

/// <summary>
/// Renders against a real incident when a number is given, otherwise against a fictitious sample. A part given here (a draft
/// not saved yet) is rendered in place of the stored one, so an editor can see its text before saving it.
/// </summary>
public sealed record TemplatePreviewRequest(string? IncidentNumber, string? Subject = null, string? TextBody = null, string? HtmlBody = null,
    string? ShortForm = null);

public sealed record TemplatePreviewView(string Subject, string Text, string? Html, string Short, string RenderedAgainst);
