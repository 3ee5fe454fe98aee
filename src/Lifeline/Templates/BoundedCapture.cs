using System.Text.RegularExpressions;
using DotLiquid;
using DotLiquid.Exceptions;

namespace Lifeline.Templates;

/// <summary>
/// <c>{% capture %}</c> into a <see cref="BoundedWriter"/>: DotLiquid's own captures into an unbounded string, and a
/// capture of itself twice, in a loop, doubles until memory runs out before the loop's time check comes round.
/// </summary>
internal sealed partial class BoundedCapture : DotLiquid.Block
{
    private string name = "";

    public override void Initialize(string tagName, string markup, List<string> tokens)
    {
        var match = CapturedName().Match(markup);
        if (!match.Success)
        {
            throw new SyntaxException("Syntax Error in 'capture' - Valid syntax: capture [var]");
        }
        name = match.Groups[1].Value;
        base.Initialize(tagName, markup, tokens);
    }

    public override void Render(Context context, TextWriter result)
    {
        using var captured = new BoundedWriter(RenderLimits.MaxValueChars, $"the capture '{name}'");
        base.Render(context, captured);
        context.Scopes[^1][name] = captured.ToString();
    }

    [GeneratedRegex(@"^\s*([\w-]+)\s*$")]
    private static partial Regex CapturedName();
}
