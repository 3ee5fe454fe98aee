namespace Lifeline.Templates;

/// <summary>Thrown inside DotLiquid (a writer, a tag, a filter) when a limit is reached; <see cref="LiquidTemplates"/> names the template.</summary>
internal sealed class RenderLimitHit(string limit) : Exception(limit);
