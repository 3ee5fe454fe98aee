using System.Text.RegularExpressions;
using DotLiquid;
using DotLiquid.Tags;

namespace Lifeline.Templates;

/// <summary><c>{% assign %}</c> that refuses a value past <see cref="RenderLimits.MaxValueChars"/>: <c>assign x = x | append: x</c> in a loop doubles otherwise.</summary>
internal sealed partial class BoundedAssign : Assign
{
    private string name = "";

    public override void Initialize(string tagName, string markup, List<string> tokens)
    {
        name = AssignedName().Match(markup).Groups[1].Value;
        base.Initialize(tagName, markup, tokens);
    }

    public override void Render(Context context, TextWriter result)
    {
        base.Render(context, result);
        BoundedFilters.Checked(context.Scopes[^1][name], $"the variable '{name}'");
    }

    [GeneratedRegex(@"^\s*([\w-]+)")]
    private static partial Regex AssignedName();
}
