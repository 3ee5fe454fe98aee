using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using DotLiquid;
using DotLiquid.Exceptions;

namespace Lifeline.Templates;

/// <summary>
/// Liquid, sandboxed and strict. Sandboxed: a template sees only the <see cref="TemplateModel"/> it is
/// given (plain dictionaries, no .NET objects) and cannot include files (refused on save; DotLiquid's
/// default file system would refuse at render). Bounded: see <see cref="RenderLimits"/>. Strict: a name that is not in the model is an error, found before the template is
/// stored (a scan of every expression, including branches a sample would not take) and again when
/// rendering, rather than an empty gap in a page at 3 a.m. DotLiquid does not say on which line a
/// syntax error is, so this class works it out.
/// </summary>
public static partial class LiquidTemplates
{
    static LiquidTemplates()
    {
        // Process-wide in DotLiquid; Lifeline's templates are its only user. DotLiquid registers its standard tags
        // when its Liquid class is first touched, which would replace ours if it came later: it comes first.
        RuntimeHelpers.RunClassConstructor(typeof(Liquid).TypeHandle);
        Template.RegisterTag<BoundedAssign>("assign");
        Template.RegisterTag<BoundedCapture>("capture");
        // The first render in a process pays for compiling DotLiquid's parser, renderer and exception paths: a
        // large part of a second on a busy machine, which must not come out of the first page's time limit.
        foreach (var (source, part) in new[] { (WarmUpSource, TemplatePart.Text), ("{% for i in (1..2000) %}{% endfor %}", TemplatePart.Text), ("{{ incident.title | append: '1234567890' | prepend: '1234567890' }}", TemplatePart.Subject with { MaxChars = 10 }) })
        {
            try
            {
                Render("warm-up", source, TemplateModel.Sample(), part, CancellationToken.None);
            }
            catch (RenderLimitException)
            {
                // Expected: the limit paths are warmed up too.
            }
        }
    }

    private const string WarmUpSource = "{% assign a = incident.title | append: 'y' | replace: 'x', 'z' | split: ' ' | join: ', ' %}" +
        "{% capture c %}{% for i in (1..3) %}{% if i > 1 and incident.is_drill == false %}{{ a | upcase }}{% else %}{{ incident.number }}{% endif %}{% endfor %}{% endcapture %}" +
        "{% unless c == '' %}{{ c | escape | truncate: 20 }}{% endunless %}{% case incident.severity %}{% when 1 %}one{% endcase %}";

    /// <summary>Nothing, but the first call runs the warm-up above: callers make it before they start a render's clock.</summary>
    public static void WarmUp()
    {
    }

    /// <summary>Tags that read other templates by name: Lifeline's templates are rows, not files, so there is nothing to read.</summary>
    private static readonly HashSet<string> FileTags = ["include", "render", "extends"];

    private static readonly HashSet<string> Keywords = ["and", "or", "contains", "nil", "null", "true", "false", "empty", "blank", "in", "with", "reversed", "limit", "offset"];
    private static readonly Dictionary<string, string> BlockEnds = new()
    {
        ["if"] = "endif", ["unless"] = "endunless", ["for"] = "endfor", ["case"] = "endcase", ["capture"] = "endcapture", ["tablerow"] = "endtablerow",
    };
    private static readonly HashSet<string> Filters = typeof(StandardFilters).GetMethods(BindingFlags.Public | BindingFlags.Static)
        .Select(m => Template.NamingConvention.GetMemberName(m.Name)).ToHashSet(StringComparer.Ordinal);
    private static readonly HashSet<string> KnownPaths = Paths(TemplateModel.Sample().ToVariables(), "").ToHashSet(StringComparer.Ordinal);

    /// <summary>The first problem of a template, or null when it parses and names only known variables.</summary>
    public static TemplateProblem? Check(string source)
    {
        var text = BlankOut(source);
        if (Scan(text) is { } scanned)
        {
            return scanned;
        }
        try
        {
            Template.Parse(source);
            return null;
        }
        catch (LiquidException e)
        {
            return new TemplateProblem(LineOfParseError(source), e.Message);
        }
    }

    /// <summary>
    /// Renders a template that <see cref="Check"/> accepted, within <see cref="RenderLimits"/> and the part's size, by
    /// <paramref name="deadline"/>; throws <see cref="TemplateException"/> for a broken template and
    /// <see cref="RenderLimitException"/> for one that ran into a limit. In an HTML part every value is HTML-encoded
    /// before the template sees it: an incident title is typed by whoever raised it and must not become markup.
    /// </summary>
    public static string Render(string name, string source, TemplateModel model, TemplatePart part, CancellationToken deadline)
    {
        var parsed = Parsed(source);
        if (parsed.Problem is { } problem)
        {
            throw new TemplateException(name, problem);
        }
        // A context of our own rather than RenderParameters: it is the only way to give DotLiquid a cancellation
        // token, which its loops and blocks check between steps, and filters of our own on a thread-safe template.
        var context = new Context([Strict(model.ToVariables(), "", part.IsHtml)], new Hash(), new Hash(), ErrorsOutputMode.Rethrow,
            RenderLimits.MaxIterations, CultureInfo.InvariantCulture, deadline);
        context.AddFilters(part.IsHtml ? [typeof(BoundedFilters), typeof(HtmlFilters)] : [typeof(BoundedFilters)]);
        using var output = new BoundedWriter(part.MaxChars, $"the {part.Name}");
        try
        {
            parsed.Template!.Render(output, RenderParameters.FromContext(context, CultureInfo.InvariantCulture));
            return output.ToString();
        }
        catch (Exception e) when (LimitOf(e, deadline) is { } limit)
        {
            throw new RenderLimitException(name, limit, deadline.IsCancellationRequested);
        }
        catch (Exception e) when (Cause(e) is LiquidException or KeyNotFoundException)
        {
            throw new TemplateException(name, new TemplateProblem(1, Cause(e).Message));
        }
    }

    /// <summary>Which limit an exception from DotLiquid stands for, if any; filters' exceptions come wrapped in a TargetInvocationException.</summary>
    private static string? LimitOf(Exception e, CancellationToken deadline)
    {
        for (Exception? inner = e; inner is not null; inner = inner.InnerException)
        {
            switch (inner)
            {
                case RenderLimitHit hit:
                    return hit.Message;
                case OperationCanceledException when deadline.IsCancellationRequested:
                    return $"rendering took longer than {RenderLimits.Time.TotalMilliseconds:0} ms";
                // DotLiquid's own exception for it is internal.
                case RenderException when inner.GetType().Name == "MaximumIterationsExceededException":
                    return $"a loop over more than {RenderLimits.MaxIterations} items";
            }
        }
        return null;
    }

    private static Exception Cause(Exception e) => e is TargetInvocationException { InnerException: { } inner } ? Cause(inner) : e;

    /// <summary>
    /// Checked and parsed once per source text: the dispatcher renders four parts of the same few
    /// templates for every message, and checking and parsing them was most of a message's cost. An
    /// edited template is new text, so it is checked again; the cache is emptied when it grows past
    /// what edits could reasonably produce.
    /// </summary>
    private static ParsedTemplate Parsed(string source)
    {
        if (ParsedSources.TryGetValue(source, out var parsed))
        {
            return parsed;
        }
        if (ParsedSources.Count >= 512)
        {
            ParsedSources.Clear();
        }
        var problem = Check(source);
        var template = problem is null ? Template.Parse(source) : null;
        // Thread-safe: each render keeps its assignments in its own context, so renders of one template need no
        // lock and a slow one holds up no other.
        template?.MakeThreadSafe();
        return ParsedSources.GetOrAdd(source, new ParsedTemplate(template, problem));
    }

    private static readonly ConcurrentDictionary<string, ParsedTemplate> ParsedSources = new(StringComparer.Ordinal);

    private sealed record ParsedTemplate(Template? Template, TemplateProblem? Problem);

    /// <summary>A dictionary that throws for names it does not have, so a missing value is never silently empty.</summary>
    private static Hash Strict(IReadOnlyDictionary<string, object?> values, string path, bool htmlEncode)
    {
        var hash = new Hash((_, key) => throw new KeyNotFoundException($"unknown variable '{path}{key}'"));
        foreach (var (key, value) in values)
        {
            hash[key] = value switch
            {
                IReadOnlyDictionary<string, object?> nested => Strict(nested, $"{path}{key}.", htmlEncode),
                string text when htmlEncode => WebUtility.HtmlEncode(text),
                _ => value,
            };
        }
        return hash;
    }

    private static IEnumerable<string> Paths(IReadOnlyDictionary<string, object?> values, string prefix)
    {
        foreach (var (key, value) in values)
        {
            yield return prefix + key;
            if (value is IReadOnlyDictionary<string, object?> nested)
            {
                foreach (var path in Paths(nested, $"{prefix}{key}."))
                {
                    yield return path;
                }
            }
        }
    }

    /// <summary>Comments and raw blocks are not Liquid; they become blank text of the same shape so line numbers stay true.</summary>
    private static string BlankOut(string source) =>
        CommentOrRaw().Replace(source, m => m.Groups["keep"].Value + new string(m.Value[m.Groups["keep"].Length..].Select(c => c == '\n' ? '\n' : ' ').ToArray()));

    /// <summary>Checks that blocks are closed in order and that every expression names known variables and filters.</summary>
    private static TemplateProblem? Scan(string text)
    {
        var open = new Stack<(string Tag, int Line)>();
        var locals = new HashSet<string>(StringComparer.Ordinal) { "forloop" };
        foreach (Match m in Markup().Matches(text))
        {
            var line = LineAt(text, m.Index);
            if (m.Groups["output"].Success)
            {
                if (Expression(m.Groups["output"].Value, locals) is { } problem)
                {
                    return new TemplateProblem(line, problem);
                }
                continue;
            }
            var tag = m.Groups["tag"].Value;
            var rest = m.Groups["rest"].Value;
            if (FileTags.Contains(tag))
            {
                return new TemplateProblem(line, $"'{{% {tag} %}}' cannot work here: templates are stored in Lifeline, not in files, so there is nothing to {tag}. Copy the text in instead.");
            }
            if (BlockEnds.ContainsKey(tag))
            {
                if (open.Count == RenderLimits.MaxNesting)
                {
                    return new TemplateProblem(line, $"'{tag}' is nested more than {RenderLimits.MaxNesting} blocks deep.");
                }
                open.Push((tag, line));
            }
            else if (tag.StartsWith("end", StringComparison.Ordinal) && BlockEnds.ContainsValue(tag))
            {
                if (open.Count == 0)
                {
                    return new TemplateProblem(line, $"'{tag}' closes nothing.");
                }
                var (opened, at) = open.Pop();
                if (BlockEnds[opened] != tag)
                {
                    return new TemplateProblem(line, $"'{tag}' does not close '{opened}' opened on line {at}; expected '{BlockEnds[opened]}'.");
                }
                continue;
            }
            string? exprProblem = tag switch
            {
                "if" or "elsif" or "unless" or "case" or "when" => Expression(rest, locals),
                "assign" when AssignTag().Match(rest) is { Success: true } a => Declare(locals, a.Groups[1].Value, Expression(a.Groups[2].Value, locals)),
                "capture" => Declare(locals, rest.Trim(), null),
                "for" or "tablerow" when ForTag().Match(rest) is { Success: true } f => Declare(locals, f.Groups[1].Value, Expression(f.Groups[2].Value, locals)),
                _ => null,
            };
            if (exprProblem is not null)
            {
                return new TemplateProblem(line, exprProblem);
            }
        }
        return open.Count > 0 ? new TemplateProblem(open.Peek().Line, $"'{open.Peek().Tag}' is never closed; expected '{BlockEnds[open.Peek().Tag]}'.") : null;
    }

    private static string? Declare(HashSet<string> locals, string name, string? problem)
    {
        locals.Add(name);
        return problem;
    }

    /// <summary>An expression with filters: <c>incident.number | upcase | append: service.name</c>.</summary>
    private static string? Expression(string expression, HashSet<string> locals)
    {
        var parts = StringLiteral().Replace(expression, "\"\"").Split('|');
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (i > 0)
            {
                var colon = part.IndexOf(':');
                var filter = (colon < 0 ? part : part[..colon]).Trim();
                if (!Filters.Contains(filter))
                {
                    return $"unknown filter '{filter}'.";
                }
                part = colon < 0 ? "" : part[(colon + 1)..];
            }
            foreach (Match name in Identifier().Matches(part))
            {
                var path = name.Value;
                var root = path.Split('.')[0];
                if (Keywords.Contains(path) || locals.Contains(root) || KnownPaths.Contains(path))
                {
                    continue;
                }
                // size, first and last work on any value.
                var lastDot = path.LastIndexOf('.');
                if (lastDot > 0 && path[(lastDot + 1)..] is "size" or "first" or "last" && KnownPaths.Contains(path[..lastDot]))
                {
                    continue;
                }
                return $"unknown variable '{path}'. Known: {string.Join(", ", KnownPaths.Where(p => !KnownPaths.Any(q => q.StartsWith(p + ".", StringComparison.Ordinal))).Order())}.";
            }
        }
        return null;
    }

    /// <summary>The first line at which the template, cut after it, fails to parse for a reason other than being cut short.</summary>
    private static int LineOfParseError(string source)
    {
        var lines = source.Split('\n');
        for (var n = 1; n <= lines.Length; n++)
        {
            try
            {
                Template.Parse(string.Join('\n', lines.Take(n)));
            }
            catch (LiquidException e) when (!e.Message.Contains("never closed", StringComparison.Ordinal))
            {
                return n;
            }
        }
        return lines.Length;
    }

    private static int LineAt(string text, int index) => 1 + text.AsSpan(0, index).Count('\n');

    [GeneratedRegex(@"\{\{-?(?<output>.*?)-?\}\}|\{%-?\s*(?<tag>\w+)(?<rest>.*?)-?%\}", RegexOptions.Singleline)]
    private static partial Regex Markup();

    [GeneratedRegex(@"(?<keep>\{%-?\s*(?<kind>comment|raw)\s*-?%\})(.*?)\{%-?\s*end\k<kind>\s*-?%\}", RegexOptions.Singleline)]
    private static partial Regex CommentOrRaw();

    [GeneratedRegex(@"""[^""]*""|'[^']*'")]
    private static partial Regex StringLiteral();

    [GeneratedRegex(@"(?<![\w.])[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*)*")]
    private static partial Regex Identifier();

    [GeneratedRegex(@"^\s*([A-Za-z_]\w*)\s*=(.*)$", RegexOptions.Singleline)]
    private static partial Regex AssignTag();

    [GeneratedRegex(@"^\s*([A-Za-z_]\w*)\s+in\s+(.*)$", RegexOptions.Singleline)]
    private static partial Regex ForTag();
}
