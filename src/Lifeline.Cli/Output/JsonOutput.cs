using System.Text.Json;

namespace Lifeline.Cli.Output;

/// <summary>What <c>--json</c> prints: the server's JSON, indented, so it can be piped to jq.</summary>
public static class JsonOutput
{
    // Relaxed escaping: this goes to a terminal or a pipe, not into HTML, and "+1860..." and "•••" should read as themselves.
    private static readonly JsonSerializerOptions Indented = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Write(TextWriter writer, JsonElement json) => writer.WriteLine(JsonSerializer.Serialize(json, Indented));

    public static void Write<T>(TextWriter writer, T value) => writer.WriteLine(JsonSerializer.Serialize(value, Indented));
}
