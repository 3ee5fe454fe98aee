using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Lifeline.StandIns;

namespace Lifeline.Bench.Resilience;

/// <summary>
/// f. Abuse (issue 11), on loopback only: for a while, at the same time, anonymous clients post large bodies in parallel
/// (27 MB to sign-in, the Twilio webhooks signed and unsigned, a survey link and an acknowledgement link, with and
/// without a declared length), others guess passwords (the bootstrap admin's and made-up names), and an administrator
/// defines webhooks that point at private, loopback and link-local addresses and at a local server that answers with
/// a redirect. In the middle of it a Severity 1 incident is opened. Passes when the server's resident memory stayed
/// under 400 MB, it answered no request with a 5xx, the bootstrap admin token worked every time it was tried, the
/// Severity 1 page reached the SMS provider (the Twilio stand-in) within <see cref="PageDeadline"/>, or three times what
/// the same page took just before the abuse when the machine is that slow (a shared two-core machine), no webhook
/// definition to an internal address was stored, and the local redirector was never reached.
/// </summary>
public static class AbuseScenario
{
    private const string Name = "abuse";
    private const double MemoryLimitMb = 400;
    private static readonly TimeSpan PageDeadline = TimeSpan.FromSeconds(10);
    private const int LargeBody = 27 * 1024 * 1024;

    public static async Task<ScenarioResult> RunAsync(DriverOptions options)
    {
        var duration = options.Short ? TimeSpan.FromSeconds(25) : TimeSpan.FromMinutes(2);
        var db = await BenchDatabase.CreateAsync("sqlite", null, options.WorkDirectory, Name);
        await using var twilio = await TwilioStandIn.StartAsync(TimeSpan.Zero);
        using var redirector = Redirector.Start();
        string[] args = [.. db.ServerArgs(), .. LifelineClient.ServerArgs(), .. twilio.ServerArgs()];
        await using var server = ServerProcess.Start(options.ServerDll, ServerProcess.FreePort(), args, options.Log(Name));
        await server.WaitReadyAsync(TimeSpan.FromSeconds(60));
        using var client = new LifelineClient(server.Url, TimeSpan.FromSeconds(30));
        // One tier that pages at once by SMS, and a long wait, so the first page is the one measured.
        var fixture = await client.CreateFixtureAsync(Name, TimeSpan.FromMinutes(10), 1, 0);
        var quiet = await client.CreateFixtureAsync($"{Name} before", TimeSpan.FromMinutes(10), 1, 0);
        // The same page without abuse first, on this machine as loaded as it is now: the measure of "on time".
        var (_, baseline) = await PageAsync(client, twilio, quiet.ServiceId, "Abuse scenario: the same page before the abuse");
        var deadline = baseline is { } b && b * 3 > PageDeadline ? b * 3 : PageDeadline;
        var idleMb = server.RssMb();

        using var rss = new RssSampler(server);
        var tally = new Tally();
        using var stop = new CancellationTokenSource(duration);
        var body = new byte[LargeBody];
        Array.Fill(body, (byte)'x');
        // Anonymous clients share nothing with the admin's: new connections, no credentials.
        using var anonymous = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(20) };

        var workers = new List<Task>();
        for (var i = 0; i < 12; i++)
        {
            var worker = i;
            workers.Add(Task.Run(() => LargeBodiesAsync(anonymous, body, worker, tally, stop.Token)));
        }
        for (var i = 0; i < 4; i++)
        {
            var worker = i;
            workers.Add(Task.Run(() => WrongPasswordsAsync(anonymous, worker, tally, stop.Token)));
        }
        workers.Add(Task.Run(() => WebhooksAsync(client, redirector, tally, stop.Token)));
        var tokenChecks = Task.Run(() => BootstrapTokenAsync(client, tally, stop.Token));

        // The page that must still go out on time, a few seconds into the abuse.
        await Task.Delay(TimeSpan.FromSeconds(options.Short ? 5 : 20));
        var (opened, pageAfter) = await PageAsync(client, twilio, fixture.ServiceId, "Abuse scenario: payroll down while the server is under abuse");
        await Task.WhenAll(workers);
        await tokenChecks;
        var maxRss = rss.Max;
        using var ready = await client.Http.GetAsync("/readyz");
        using var me = await client.Http.GetAsync("/api/v1/me");
        var storedInternal = await StoredInternalWebhooksAsync(client);

        var problems = new List<string>();
        if (maxRss >= MemoryLimitMb)
        {
            problems.Add($"resident memory reached {maxRss:F0} MB (limit {MemoryLimitMb:F0})");
        }
        if (tally.ServerErrors > 0)
        {
            problems.Add($"{tally.ServerErrors} answers were 5xx");
        }
        if (tally.TokenFailures > 0 || !me.IsSuccessStatusCode)
        {
            problems.Add($"the bootstrap admin token failed {tally.TokenFailures} of {tally.TokenChecks} times (after: {(int)me.StatusCode})");
        }
        if (opened.Id is null)
        {
            problems.Add($"opening the Severity 1 incident answered {opened.Status?.ToString() ?? "nothing"}");
        }
        else if (pageAfter is not { } after || after > deadline)
        {
            problems.Add(pageAfter is null ? "the Severity 1 page never reached the SMS provider" : $"the Severity 1 page took {pageAfter.Value.TotalSeconds:F1} s (limit {deadline.TotalSeconds:F1} s)");
        }
        if (storedInternal > 0)
        {
            problems.Add($"{storedInternal} webhook contact methods to internal literal addresses were stored");
        }
        if (redirector.Connections > 0)
        {
            problems.Add($"the server connected to the local redirector {redirector.Connections} times");
        }
        if (!ready.IsSuccessStatusCode || server.HasExited)
        {
            problems.Add($"not healthy afterwards: /readyz {(int)ready.StatusCode}");
        }
        var summary = string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{duration.TotalSeconds:F0} s: {tally.LargeBodies} large anonymous bodies ({Tally.Describe(tally.LargeBodyStatuses)}), " +
            $"{tally.SignIns} wrong sign-ins ({Tally.Describe(tally.SignInStatuses)}), {tally.Webhooks} internal or redirecting webhook definitions " +
            $"({Tally.Describe(tally.WebhookStatuses)}); RSS idle {idleMb:F0} MB, max {maxRss:F0} MB; bootstrap token {tally.TokenChecks - tally.TokenFailures}/{tally.TokenChecks} OK; " +
            $"Severity 1 page at the provider after {Ms(pageAfter)} (before the abuse {Ms(baseline)}; limit {deadline.TotalMilliseconds:F0} ms); redirector reached {redirector.Connections}×");
        return new ScenarioResult(Name, problems.Count == 0 ? Verdict.Passed : Verdict.Failed, problems.Count == 0 ? summary : summary + "; " + string.Join("; ", problems));
    }

    private static string Ms(TimeSpan? t) => t is { } v ? $"{v.TotalMilliseconds:F0} ms" : "—";

    /// <summary>Opens a Severity 1 incident and waits for its first page at the SMS provider; null when it did not come.</summary>
    private static async Task<(OpenResult Opened, TimeSpan? PageAfter)> PageAsync(LifelineClient client, TwilioStandIn twilio, Guid serviceId, string title)
    {
        var opened = await client.OpenIncidentAsync(serviceId, 1, title);
        if (opened.Id is null)
        {
            return (opened, null);
        }
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (twilio.Accepted.FirstOrDefault(r => r.To == "+18605550142" && r.ReceivedAt >= opened.SentAt) is { } page)
            {
                return (opened, page.ReceivedAt - opened.SentAt);
            }
            await Task.Delay(50);
        }
        return (opened, null);
    }

    private static readonly (string Path, string ContentType, bool Signed)[] Targets =
    [
        ("/api/v1/auth/login", "application/json", false),
        ("/api/v1/auth/token", "application/json", false),
        ("/api/v1/twilio/sms", "application/x-www-form-urlencoded", false),
        ("/api/v1/twilio/sms", "application/x-www-form-urlencoded", true),
        ("/api/v1/twilio/voice", "application/x-www-form-urlencoded", true),
        ("/api/v1/surveys/not-a-real-token", "application/json", false),
        ("/ack/not-a-real-link", "application/x-www-form-urlencoded", false),
    ];

    private static async Task LargeBodiesAsync(HttpClient http, byte[] body, int worker, Tally tally, CancellationToken stop)
    {
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            var (path, type, signed) = Targets[(worker + round) % Targets.Length];
            // Half declare their length (refused from the headers), half stream it chunked (refused while reading).
            HttpContent content = (worker + round) % 2 == 0 ? new ByteArrayContent(body) : new Chunked(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
            if (signed)
            {
                request.Headers.Add("X-Twilio-Signature", "bm90IGEgcmVhbCBzaWduYXR1cmU=");
            }
            await tally.SendAsync(http, request, tally.LargeBodyStatuses, () => Interlocked.Increment(ref tally.LargeBodies));
        }
    }

    private static async Task WrongPasswordsAsync(HttpClient http, int worker, Tally tally, CancellationToken stop)
    {
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            var userName = round % 2 == 0 ? "admin" : $"nobody-{worker}-{round}";
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
            {
                Content = JsonContent.Create(new { userName, password = $"Guess-{worker}-{round}-password" }),
            };
            await tally.SendAsync(http, request, tally.SignInStatuses, () => Interlocked.Increment(ref tally.SignIns));
        }
    }

    private static async Task WebhooksAsync(LifelineClient admin, Redirector redirector, Tally tally, CancellationToken stop)
    {
        string[] internalUrls =
        [
            $"http://127.0.0.1:{redirector.Port}/hook", $"https://127.0.0.1:{redirector.Port}/hook", "https://10.0.0.5/hook", "https://192.168.1.1/hook",
            "https://172.16.0.1/hook", "https://169.254.169.254/latest/meta-data", "https://[::1]/hook", "https://[fd00::1]/hook", "https://0.0.0.0/hook",
            "https://user:secret@example.org/hook",
        ];
        for (var round = 0; !stop.IsCancellationRequested; round++)
        {
            var url = internalUrls[round % internalUrls.Length];
            var kind = round % 2 == 0 ? "Webhook" : "ChatWebhook";
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/people")
            {
                Content = JsonContent.Create(new { name = $"Abuse webhook {round}", contactMethods = new[] { new { kind, value = url } } }),
            };
            await tally.SendAsync(admin.Http, request, tally.WebhookStatuses, () => Interlocked.Increment(ref tally.Webhooks));
            await Task.Delay(50, CancellationToken.None);
        }
        // A name that resolves to loopback passes the check on save (a name is not an address); the connect-time check must stop it.
        using var named = await admin.Http.PostAsJsonAsync("/api/v1/people", new
        {
            name = "Abuse webhook by name",
            contactMethods = new[] { new { kind = "Webhook", value = $"https://localhost:{redirector.Port}/redirect" } },
        }, CancellationToken.None);
        lock (tally.WebhookStatuses)
        {
            tally.WebhookStatuses[(int)named.StatusCode] = tally.WebhookStatuses.GetValueOrDefault((int)named.StatusCode) + 1;
        }
        Interlocked.Increment(ref tally.Webhooks);
        if (named.StatusCode == HttpStatusCode.Created)
        {
            var person = await named.Content.ReadFromJsonAsync<JsonElement>(CancellationToken.None);
            var personId = person.GetProperty("id").GetGuid();
            var methods = await admin.Http.GetFromJsonAsync<JsonElement>($"/api/v1/people/{personId}/contact-methods", CancellationToken.None);
            var methodId = methods.EnumerateArray().First().GetProperty("id").GetGuid();
            using var test = await admin.Http.PostAsync($"/api/v1/people/{personId}/contact-methods/{methodId}/test", null, CancellationToken.None);
            // The dispatcher tries it now; give it a moment before the redirector's count is read.
            await Task.Delay(TimeSpan.FromSeconds(3), CancellationToken.None);
        }
    }

    private static async Task BootstrapTokenAsync(LifelineClient admin, Tally tally, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            Interlocked.Increment(ref tally.TokenChecks);
            try
            {
                using var me = await admin.Http.GetAsync("/api/v1/me", CancellationToken.None);
                if (me.StatusCode != HttpStatusCode.OK)
                {
                    Interlocked.Increment(ref tally.TokenFailures);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Interlocked.Increment(ref tally.TokenFailures);
            }
            await Task.Delay(500, CancellationToken.None);
        }
    }

    /// <summary>Webhook and chat contact methods whose URL names an internal address literally (the save must refuse them all).</summary>
    private static async Task<int> StoredInternalWebhooksAsync(LifelineClient admin)
    {
        var page = await admin.Http.GetFromJsonAsync<JsonElement>("/api/v1/people?q=abuse%20webhook&pageSize=200");
        var count = 0;
        foreach (var person in page.GetProperty("items").EnumerateArray())
        {
            var methods = await admin.Http.GetFromJsonAsync<JsonElement>($"/api/v1/people/{person.GetProperty("id").GetGuid()}/contact-methods");
            count += methods.EnumerateArray().Count(m => m.GetProperty("value").GetString() is { } v
                && (v.Contains("127.0.0.1", StringComparison.Ordinal) || v.Contains("10.0.0.5", StringComparison.Ordinal) || v.Contains("169.254", StringComparison.Ordinal)
                    || v.Contains("192.168.", StringComparison.Ordinal) || v.Contains("[::1]", StringComparison.Ordinal)));
        }
        return count;
    }

    private sealed class Tally
    {
        public int LargeBodies;
        public int SignIns;
        public int Webhooks;
        public int TokenChecks;
        public int TokenFailures;
        public int ServerErrors;
        public Dictionary<int, int> LargeBodyStatuses { get; } = [];
        public Dictionary<int, int> SignInStatuses { get; } = [];
        public Dictionary<int, int> WebhookStatuses { get; } = [];

        /// <summary>Sends one request; a connection the server closed on a refused upload counts as status 0.</summary>
        public async Task SendAsync(HttpClient http, HttpRequestMessage request, Dictionary<int, int> statuses, Action counted)
        {
            int status;
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
                status = (int)response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
            {
                status = 0;
            }
            counted();
            if (status >= 500)
            {
                Interlocked.Increment(ref ServerErrors);
            }
            lock (statuses)
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
            }
        }

        public static string Describe(Dictionary<int, int> statuses)
        {
            lock (statuses)
            {
                return string.Join(" ", statuses.OrderBy(s => s.Key).Select(s => s.Key == 0 ? $"closed×{s.Value}" : $"{s.Key}×{s.Value}"));
            }
        }
    }

    /// <summary>A body sent without a declared length (chunked), so the server must count while it reads.</summary>
    private sealed class Chunked(byte[] body) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < body.Length; offset += 64 * 1024)
            {
                await stream.WriteAsync(body.AsMemory(offset, Math.Min(64 * 1024, body.Length - offset)));
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }

    /// <summary>A local server that answers every request with a redirect elsewhere; counts the connections it gets.</summary>
    private sealed class Redirector : IDisposable
    {
        private readonly TcpListener _listener;
        private readonly CancellationTokenSource _stop = new();
        private int _connections;

        public int Port { get; }
        public int Connections => Volatile.Read(ref _connections);

        private Redirector(TcpListener listener)
        {
            _listener = listener;
            Port = ((IPEndPoint)listener.LocalEndpoint).Port;
            _ = Task.Run(AcceptAsync);
        }

        public static Redirector Start()
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return new Redirector(listener);
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    using var socket = await _listener.AcceptSocketAsync(_stop.Token);
                    Interlocked.Increment(ref _connections);
                    await socket.SendAsync(Encoding.ASCII.GetBytes("HTTP/1.1 307 Temporary Redirect\r\nLocation: http://127.0.0.1:9/elsewhere\r\nContent-Length: 0\r\n\r\n"));
                }
                catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
                {
                    return;
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}
