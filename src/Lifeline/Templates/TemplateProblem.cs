namespace Lifeline.Templates;

/// <summary>What is wrong with a template, and on which line (1-based).</summary>
public sealed record TemplateProblem(int Line, string Message)
{
    public override string ToString() => $"line {Line}: {Message}";
}

/// <summary>A template that cannot be rendered; the API refuses it before it is stored, the renderer says which template failed.</summary>
public sealed class TemplateException(string template, TemplateProblem problem) : Exception($"Template '{template}', {problem}")
{
    public TemplateProblem Problem { get; } = problem;
}
