using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Lifeline.Bench.Resilience;

public sealed record Endpoint(string Method, string Path, IReadOnlyList<(string Name, string In, JsonNode? Schema)> Parameters, JsonNode? Body);

/// <summary>One malformed request; <see cref="Auth"/> null sends no Authorization header.</summary>
public sealed record MalformedRequest(string Kind, string Method, string Url, string? Body, string? ContentType, string? Auth)
{
    public HttpRequestMessage ToMessage()
    {
        var message = new HttpRequestMessage(new HttpMethod(Method), Url);
        if (Auth is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", Auth);
        }
        if (Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(Body));
            if (ContentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }
        }
        return message;
    }
}

/// <summary>
/// Generates malformed requests for the endpoints of an OpenAPI document: missing or broken
/// credentials, broken JSON, wrong content types, wrong types and huge strings in each field, unknown
/// and garbage ids, bad query values. Every request is wrong in at least one way, so none may store anything.
/// </summary>
public sealed class MalformedRequests(JsonNode document, Random random)
{
    private static readonly string Token = "Bearer " + LifelineClient.Token;
    private static readonly string Huge = new('x', 200_000);
    private static readonly string[] Kinds =
    [
        "no-auth", "bad-token", "huge-token", "basic-auth", "broken-json", "text-plain", "xml", "form", "json-array", "json-null", "json-number",
        "wrong-type", "huge-string", "unknown-ids", "garbage-path", "bad-query", "empty-json", "deep-json", "all-null", "bad-enum", "huge-body",
        "overflow", "bad-date", "unknown-fields", "unterminated-string",
    ];
    private static readonly string[] GarbageIds = ["not-a-guid", "-1", "99999999999999999999999", "%00", "..%2F..%2Fetc", "%E2%98%83", "'%20OR%201=1--", new string('9', 3000), "null", "INC-"];
    private static readonly JsonNode[] WrongValues = [123, -1, 1.5e300, true, "text", new JsonArray(1, 2), new JsonObject { ["a"] = 1 }, "", "00:00:-1", "2026-13-45T99:99:99Z"];

    public static IEnumerable<Endpoint> Endpoints(JsonNode document)
    {
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            foreach (var (method, operation) in item!.AsObject())
            {
                if (method is "parameters" or "summary" or "description")
                {
                    continue;
                }
                var parameters = (operation!["parameters"]?.AsArray() ?? [])
                    .Select(p => (Str(p?["name"]) ?? "", Str(p?["in"]) ?? "", p?["schema"])).ToList();
                var body = operation["requestBody"]?["content"]?["application/json"]?["schema"];
                yield return new Endpoint(method.ToUpperInvariant(), path, parameters, body);
            }
        }
    }

    public MalformedRequest Next(Endpoint endpoint, int round)
    {
        var kind = Kinds[(round + random.Next(Kinds.Length)) % Kinds.Length];
        // Ids that exist nowhere (or garbage), so that even a well-formed body could not change anything.
        var path = FillPath(endpoint, kind == "garbage-path");
        var query = endpoint.Parameters.Where(p => p.In == "query").ToList();
        if (kind == "bad-query" || (query.Count > 0 && random.Next(3) == 0))
        {
            path += "?" + string.Join("&", query.Select(p => $"{p.Name}={Uri.EscapeDataString(WrongQuery(p.Schema))}").DefaultIfEmpty("page=-5&pageSize=abc"));
        }
        var properties = Properties(endpoint.Body);
        string? body = kind switch
        {
            "broken-json" => "{\"title\": \"unterminated",
            "json-array" => "[1,2,3]",
            "json-null" => "null",
            "json-number" => "42",
            "empty-json" => "",
            "deep-json" => new string('[', 5000) + new string(']', 5000),
            "huge-body" => "{\"name\":\"" + Huge + Huge + Huge + "\"}",
            "unterminated-string" => "{\"name\":\"\xC3",
            "text-plain" or "xml" or "form" => "title=x&serviceId=y",
            _ => Mutate(properties, kind),
        };
        var contentType = kind switch
        {
            "text-plain" => "text/plain",
            "xml" => "application/xml",
            "form" => "application/x-www-form-urlencoded",
            _ => "application/json",
        };
        var auth = kind switch
        {
            "no-auth" => null,
            "bad-token" => "Bearer llt_" + Guid.NewGuid().ToString("N"),
            "huge-token" => "Bearer " + new string('a', 5000),
            "basic-auth" => "Basic YWRtaW46YWRtaW4=",
            _ => Token,
        };
        // GET and DELETE carry no body normally; sending one anyway is malformed too, but keep some plain ones.
        if (endpoint.Body is null && endpoint.Method is "GET" or "DELETE" && random.Next(2) == 0)
        {
            body = null;
        }
        return new MalformedRequest(kind, endpoint.Method, path, body, contentType, auth);
    }

    private string FillPath(Endpoint endpoint, bool garbage)
    {
        var path = endpoint.Path;
        foreach (var (name, place, _) in endpoint.Parameters.Where(p => p.In == "path"))
        {
            var value = garbage ? GarbageIds[random.Next(GarbageIds.Length)]
                : name.Contains("number", StringComparison.OrdinalIgnoreCase) ? $"INC-2099-{random.Next(900000, 999999)}"
                : name.Contains("token", StringComparison.OrdinalIgnoreCase) ? Guid.NewGuid().ToString("N")
                : name.Contains("level", StringComparison.OrdinalIgnoreCase) || name.Contains("severity", StringComparison.OrdinalIgnoreCase) ? random.Next(4, 1000).ToString(CultureInfo.InvariantCulture)
                : Guid.NewGuid().ToString();
            path = path.Replace("{" + name + "}", value);
        }
        return path;
    }

    private string WrongQuery(JsonNode? schema) => random.Next(6) switch
    {
        0 => "abc",
        1 => "-99999999999",
        2 => new string('q', 10_000),
        3 => "2026-99-99",
        4 => "%00",
        _ => Type(schema) == "integer" ? "1.5" : "Nope",
    };

    private List<(string Name, JsonNode Schema)> Properties(JsonNode? schema)
    {
        schema = Resolve(schema);
        if (schema?["properties"] is not JsonObject properties)
        {
            return [];
        }
        return properties.Select(p => (p.Key, Resolve(p.Value) ?? new JsonObject())).ToList();
    }

    private JsonNode? Resolve(JsonNode? schema)
    {
        for (var i = 0; i < 5 && schema?["$ref"] is { } reference; i++)
        {
            var name = (Str(reference) ?? "").Split('/')[^1];
            schema = document["components"]?["schemas"]?[name];
        }
        return schema;
    }

    /// <summary>A JSON object for the body with at least one field wrong.</summary>
    private string Mutate(List<(string Name, JsonNode Schema)> properties, string kind)
    {
        var body = new JsonObject();
        if (properties.Count == 0)
        {
            body["unexpected"] = WrongValues[random.Next(WrongValues.Length)].DeepClone();
            return body.ToJsonString();
        }
        foreach (var (name, schema) in properties)
        {
            var type = Type(schema);
            var format = Str(schema["format"]);
            body[name] = kind switch
            {
                "all-null" => null,
                "huge-string" when type == "string" => Huge,
                "unknown-ids" when format == "uuid" => Guid.NewGuid().ToString(),
                "unknown-ids" when type == "array" => new JsonArray(Guid.NewGuid().ToString(), Guid.NewGuid().ToString()),
                "bad-enum" when schema["enum"] is not null || type == "string" => "NoSuchValue",
                "overflow" when type is "integer" or "number" => JsonValue.Create(1e40),
                "bad-date" when format is "date-time" || name.Contains("At", StringComparison.Ordinal) => "yesterday-ish",
                "wrong-type" => WrongFor(type),
                _ => random.Next(3) == 0 ? WrongFor(type) : null,
            };
        }
        if (kind == "unknown-fields")
        {
            body["$type"] = "System.Object";
            body["__proto__"] = new JsonObject { ["admin"] = true };
        }
        // Never a complete, valid body: at least one field has the wrong type.
        var victim = properties[random.Next(properties.Count)];
        body[victim.Name] = WrongFor(Type(victim.Schema));
        return body.ToJsonString();
    }

    private static string? Type(JsonNode? schema) => schema?["type"] switch
    {
        JsonArray types => types.Select(Str).FirstOrDefault(t => t is not null and not "null"),
        var value => Str(value),
    };

    private static string? Str(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private JsonNode WrongFor(string? type) => type switch
    {
        "string" => random.Next(2) == 0 ? JsonValue.Create(12345) : new JsonArray("a"),
        "integer" or "number" => random.Next(2) == 0 ? JsonValue.Create("twelve") : new JsonObject(),
        "boolean" => JsonValue.Create("maybe"),
        "array" => random.Next(2) == 0 ? JsonValue.Create("not a list") : new JsonObject { ["x"] = 1 },
        "object" => new JsonArray(1, 2, 3),
        _ => new JsonObject { ["nested"] = new JsonArray(true) },
    };
}
