using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Lifeline.ConfigAsCode;

/// <summary>One thing wrong with a file: where (a path such as <c>people[3].contactMethods[0].value</c> and its line) and why.</summary>
public sealed record ConfigProblem(string Path, int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"line {line}: {Path}: {Message}" : $"{Path}: {Message}";
}

/// <summary>A file read: the document, and the line of every entry and field in it, for the error messages.</summary>
public sealed class ParsedConfig(ConfigDocument document, IReadOnlyDictionary<string, int> lines)
{
    public ConfigDocument Document { get; } = document;

    /// <summary>The line of the path, or of the nearest enclosing entry the file has (a field left out has no line of its own).</summary>
    public int? LineOf(string path)
    {
        for (var p = path; p.Length > 0; p = Parent(p))
        {
            if (lines.TryGetValue(p, out var line))
            {
                return line;
            }
        }
        return null;
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "" : path[..cut];
    }
}

/// <summary>Reading and writing the configuration file with YamlDotNet: camelCase keys, defaults left out, unknown keys refused.</summary>
public static class ConfigYaml
{
    public const string MediaType = "application/yaml";

    private static readonly ISerializer Serializer = new SerializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .ConfigureDefaultValuesHandling(DefaultValuesHandling.OmitDefaults)
        .DisableAliases()
        .Build();

    private static readonly IDeserializer Deserializer = new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .Build();

    public static string Write(ConfigDocument document) =>
        "# Lifeline configuration: the directory, schedules, policies, plans, calendar and templates.\n" +
        "# Check a change with `lifeline import FILE` (a dry run that shows the differences), then `lifeline import FILE --apply`.\n" +
        Serializer.Serialize(document);

    /// <summary>A value as the file writes it: what the diff compares.</summary>
    public static string Fragment(object? value) => value is null ? "" : Serializer.Serialize(value).TrimEnd();

    /// <summary>The document, or what keeps the text from being one (with its line).</summary>
    public static (ParsedConfig? Config, ConfigProblem? Problem) Read(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, new ConfigProblem("(file)", null, "The file is empty."));
        }
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count != 1)
            {
                return (null, new ConfigProblem("(file)", null, $"The file holds {stream.Documents.Count} YAML documents; it must hold one."));
            }
            if (stream.Documents[0].RootNode is not YamlMappingNode)
            {
                return (null, new ConfigProblem("(file)", LineOf(stream.Documents[0].RootNode), "The file must be a mapping with keys such as people, teams and escalationPolicies."));
            }
            Collect(stream.Documents[0].RootNode, "", lines);
            var document = Deserializer.Deserialize<ConfigDocument?>(text);
            return document is null
                ? (null, new ConfigProblem("(file)", null, "The file is empty."))
                : (new ParsedConfig(document, lines), null);
        }
        catch (YamlException e)
        {
            return (null, new ConfigProblem(PathAt(lines, e.Start.Line), (int)e.Start.Line, Explain(e)));
        }
    }

    private static int LineOf(YamlNode node) => (int)node.Start.Line;

    private static void Collect(YamlNode node, string path, Dictionary<string, int> lines)
    {
        if (path.Length > 0)
        {
            lines[path] = LineOf(node);
        }
        switch (node)
        {
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping.Children)
                {
                    var name = key is YamlScalarNode scalar ? scalar.Value ?? "" : "?";
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    Collect(value, child, lines);
                    // A field's line is its key's: where a block value starts is the line after.
                    lines[child] = LineOf(key);
                }
                break;
            case YamlSequenceNode sequence:
                for (var i = 0; i < sequence.Children.Count; i++)
                {
                    Collect(sequence.Children[i], $"{path}[{i}]", lines);
                }
                break;
        }
    }

    /// <summary>The deepest path that starts on the line: where a parse error is.</summary>
    private static string PathAt(Dictionary<string, int> lines, long line) =>
        lines.Where(l => l.Value == line).Select(l => l.Key).OrderByDescending(p => p.Length).FirstOrDefault() ?? "(file)";

    /// <summary>YamlDotNet's message without its own position prefix, and with the cause that says what was wrong.</summary>
    private static string Explain(YamlException e)
    {
        var message = e.InnerException is { } inner and not YamlException ? $"{Strip(e.Message)}: {inner.Message}" : Strip(e.Message);
        return message.Replace("on type 'Lifeline.ConfigAsCode.", "in '", StringComparison.Ordinal)
            .Replace("Exception during deserialization", "This value cannot be read", StringComparison.Ordinal);
    }

    private static string Strip(string message)
    {
        // "(Line: 3, Col: 5, Idx: 20) - (Line: 3, Col: 9, Idx: 24): the message"
        var cut = message.IndexOf("): ", StringComparison.Ordinal);
        return cut >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(cut + 3)..] : message;
    }
}
