using System.Threading.Channels;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Lifeline.Storage;

/// <summary>
/// Several instances on one PostgreSQL database: each tells the others which incidents (schedules…) it changed (<c>NOTIFY</c>,
/// sent after the commit) and hears theirs (<c>LISTEN</c>), so a console open on one instance is live for a change
/// made through another — by its API, its console or its engine. A notice lost while the database is away costs a
/// page a reload, not data: the database stays the only memory.
/// </summary>
/// <remarks>One channel per feed; the subclass names it and what it carries (for the log).</remarks>
public abstract class PostgresChangeRelay<TFeed>(TFeed changes, string channelName, string what, IOptions<DatabaseOptions> database, ILogger logger) : BackgroundService
    where TFeed : ChangeFeed
{
    // A notice's payload is at most 8000 bytes: 200 ids of 32 characters and the instance's own id fit.
    private const int IdsPerNotice = 200;

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private readonly Channel<Guid[]> _outgoing = Channel.CreateBounded<Guid[]>(new BoundedChannelOptions(1000) { FullMode = BoundedChannelFullMode.DropOldest });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        changes.Relay = ids => _outgoing.Writer.TryWrite([.. ids]);
        await using var source = NpgsqlDataSource.Create(StorageSetup.PostgresConnectionString(database.Value.ConnectionString!));
        await Task.WhenAll(ListenAsync(source, stoppingToken), SendAsync(source, stoppingToken));
    }

    private async Task ListenAsync(NpgsqlDataSource source, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await source.OpenConnectionAsync(ct);
                connection.Notification += (_, e) => Heard(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {channelName}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }
                while (!ct.IsCancellationRequested)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or InvalidOperationException or TimeoutException)
            {
                logger.LogWarning("Not hearing other instances' {What} changes ({Reason}); trying again in 5 s", what, e.GetType().Name);
                await Task.Delay(TimeSpan.FromSeconds(5), ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    private async Task SendAsync(NpgsqlDataSource source, CancellationToken ct)
    {
        try
        {
            while (await _outgoing.Reader.WaitToReadAsync(ct))
            {
                var ids = new HashSet<Guid>();
                while (_outgoing.Reader.TryRead(out var batch))
                {
                    ids.UnionWith(batch);
                }
                foreach (var chunk in ids.Chunk(IdsPerNotice))
                {
                    await NotifyAsync(source, _instance + ":" + string.Join(",", chunk.Select(id => id.ToString("N"))), ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task NotifyAsync(NpgsqlDataSource source, string payload, CancellationToken ct)
    {
        try
        {
            await using var notify = source.CreateCommand("SELECT pg_notify(@channel, @payload)");
            notify.Parameters.AddWithValue("channel", channelName);
            notify.Parameters.AddWithValue("payload", payload);
            await notify.ExecuteNonQueryAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
        {
            // The other instances' pages miss one live update; they still show the truth at their next change or reload.
            logger.LogWarning("Could not tell other instances about {What} changes ({Reason})", what, e.GetType().Name);
        }
    }

    private void Heard(string payload)
    {
        var separator = payload.IndexOf(':', StringComparison.Ordinal);
        if (separator < 0 || payload.AsSpan(0, separator).SequenceEqual(_instance))
        {
            return; // its own notice, already heard locally
        }
        // Guid.Empty is a real value here (the schedule feed's "any schedule"): only what does not parse is dropped.
        var ids = payload[(separator + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries)
            .Select(text => Guid.TryParseExact(text, "N", out var id) ? id : (Guid?)null).OfType<Guid>().ToArray();
        if (ids.Length > 0)
        {
            changes.RaiseFromElsewhere(ids);
        }
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        changes.Relay = null;
        return base.StopAsync(cancellationToken);
    }
}
