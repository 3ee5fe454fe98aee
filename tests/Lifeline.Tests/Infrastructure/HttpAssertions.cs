using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Lifeline.Tests.Infrastructure;

public static class HttpAssertions
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    /// <summary>Asserts the status and returns the body as JSON, showing the body when the status is wrong.</summary>
    public static async Task<JsonElement> ExpectAsync(this Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {status}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        return body.Length == 0 ? default : JsonDocument.Parse(body).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem with the given status and returns it.</summary>
    public static async Task<JsonElement> ExpectProblemAsync(this Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        using var response = await request;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {status}, got {(int)response.StatusCode} {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body, Json);

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, object body) => client.PutAsJsonAsync(url, body, Json);
}
