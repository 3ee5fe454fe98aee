namespace Lifeline.Templates;

public sealed record MessageTemplateView(string Key, string Description, string Subject, string TextBody, string? HtmlBody, string ShortForm,
    DateTimeOffset UpdatedAt, string UpdatedBy);

public sealed record MessageTemplateRequest(string? Subject, string? TextBody, string? HtmlBody, string? ShortForm);

/// <summary>Renders against a real incident when a number is given, otherwise against a fictitious sample.</summary>
public sealed record TemplatePreviewRequest(string? IncidentNumber);

public sealed record TemplatePreviewView(string Subject, string Text, string? Html, string Short, string RenderedAgainst);
