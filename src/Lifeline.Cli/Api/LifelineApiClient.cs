using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Lifeline.Cli.Api;

/// <summary>
/// Calls <c>/api/v1</c> on one server with one token and turns every way a call can fail into a
/// <see cref="CliFailure"/>: <see cref="ServerUnreachableException"/> when nothing answered,
/// <see cref="ApiProblemException"/> when the server said no.
/// </summary>
public sealed class LifelineApiClient : IDisposable
{
    public const string NotSignedIn = "not signed in or token revoked: run lifeline login";

    private readonly HttpClient _http;

    /// <summary>The server as the user wrote it, for messages.</summary>
    public string Server { get; }

    public LifelineApiClient(CliHost host, string server, string? token)
    {
        Server = server;
        var handler = host.CreateHandler?.Invoke() ?? new SocketsHttpHandler { ConnectTimeout = TimeSpan.FromSeconds(10) };
        _http = new HttpClient(handler, disposeHandler: true)
        {
            BaseAddress = new Uri(ServerAddress.Normalise(server).TrimEnd('/') + "/api/v1/"),
            Timeout = host.RequestTimeout,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("lifeline-cli", typeof(LifelineApiClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
        _http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (token is not null)
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    /// <summary>GET a path relative to <c>/api/v1/</c> (e.g. <c>people?q=kim</c>); the answer as JSON.</summary>
    public Task<JsonElement> GetAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Get, path, null, ct);

    public Task<JsonElement> PostAsync(string path, object body, CancellationToken ct) => SendAsync(HttpMethod.Post, path, body, ct);

    public Task<JsonElement> DeleteAsync(string path, CancellationToken ct) => SendAsync(HttpMethod.Delete, path, null, ct);

    public async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: ApiJson.Options);
        }
        return Json(path, await SendRawAsync(request, ct));
    }

    /// <summary>GET a path whose answer is not JSON (a YAML file): the text as it came.</summary>
    public async Task<string> GetTextAsync(string path, string mediaType, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Clear();
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(mediaType));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/problem+json"));
        return await SendRawAsync(request, ct);
    }

    /// <summary>POST a text body (a YAML file) of the given media type; the answer as JSON.</summary>
    public async Task<JsonElement> PostTextAsync(string path, string text, string mediaType, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(text, Encoding.UTF8, mediaType) };
        return Json(path, await SendRawAsync(request, ct));
    }

    private async Task<string> SendRawAsync(HttpRequestMessage request, CancellationToken ct)
    {
        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.SendAsync(request, ct);
            text = await response.Content.ReadAsStringAsync(ct);
        }
        catch (HttpRequestException e)
        {
            throw new ServerUnreachableException(Server, Reason(e), e);
        }
        catch (TaskCanceledException e) when (!ct.IsCancellationRequested)
        {
            throw new ServerUnreachableException(Server, $"no answer within {_http.Timeout.TotalSeconds:0} seconds", e);
        }
        using (response)
        {
            return response.IsSuccessStatusCode ? text : throw Problem(response, text);
        }
    }

    private JsonElement Json(string path, string text)
    {
        if (text.Length == 0)
        {
            return default;
        }
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            throw new CliFailure($"{Server} answered {path} with something that is not JSON: is it a Lifeline server?", ExitCodes.Failure);
        }
    }

    private ApiProblemException Problem(HttpResponseMessage response, string text)
    {
        var status = (int)response.StatusCode;
        ProblemDetails? problem = null;
        try
        {
            problem = text.Length > 0 ? JsonSerializer.Deserialize<ProblemDetails>(text, ApiJson.Options) : null;
        }
        catch (JsonException)
        {
            // Not a problem document (a proxy's HTML page, say): the status alone has to do.
        }
        // The token endpoint explains a failed sign-in in its detail; any other 401 means the token is missing or no longer valid.
        if (response.StatusCode == HttpStatusCode.Unauthorized && string.IsNullOrEmpty(problem?.Detail))
        {
            return new ApiProblemException(status, NotSignedIn);
        }
        if (problem is null || (problem.Title is null && problem.Detail is null))
        {
            var what = response.StatusCode switch
            {
                HttpStatusCode.NotFound => $"{Server} has no such API: is it a Lifeline server of this version?",
                HttpStatusCode.Forbidden => "your account may not do this",
                _ => $"{Server} answered {status} {response.ReasonPhrase}",
            };
            return new ApiProblemException(status, what);
        }
        var message = new StringBuilder();
        message.Append(response.StatusCode == HttpStatusCode.Forbidden && problem.Title is "Forbidden" && problem.Detail is null
            ? "your account may not do this"
            : problem.Detail is null ? problem.Title : problem.Title is null ? problem.Detail : $"{problem.Title}: {problem.Detail}");
        foreach (var (field, errors) in problem.Errors ?? new Dictionary<string, string[]>())
        {
            foreach (var error in errors)
            {
                message.Append(System.Environment.NewLine).Append("  ").Append(field).Append(": ").Append(error);
            }
        }
        return new ApiProblemException(status, message.ToString());
    }

    private static string Reason(HttpRequestException e)
    {
        var socket = e.InnerException as SocketException ?? e.InnerException?.InnerException as SocketException;
        return socket?.SocketErrorCode switch
        {
            SocketError.ConnectionRefused => "connection refused",
            SocketError.HostNotFound or SocketError.NoData or SocketError.TryAgain => "host not found",
            SocketError.TimedOut => "connection timed out",
            SocketError.NetworkUnreachable or SocketError.HostUnreachable => "network unreachable",
            _ when e.HttpRequestError == HttpRequestError.NameResolutionError => "host not found",
            _ when e.HttpRequestError == HttpRequestError.SecureConnectionError => "the TLS connection failed (" + (e.InnerException?.Message ?? e.Message) + ")",
            _ => (e.InnerException?.Message ?? e.Message).TrimEnd('.'),
        };
    }

    public void Dispose() => _http.Dispose();
}
