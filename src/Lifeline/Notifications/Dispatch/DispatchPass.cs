using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Lifeline.Notifications.Delivery;
using Lifeline.Storage;
using Lifeline.Templates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Lifeline.Notifications.Dispatch;

/// <summary>
/// One pass over the outbox, kept full: claim (<see cref="OutboxClaims"/>) as much as the channels
/// have room for, render it in one go, start the sends, and as sends finish record their outcomes
/// together (<see cref="OutcomeRecorder"/>) and claim again, so a slow send holds up neither its
/// batch nor the next claim. Until a claim finds nothing and every send is recorded, because a
/// permanent failure queues a fallback that is due at once. Returns only when what it claimed is
/// sent and recorded.
/// </summary>
public sealed class DispatchPass(IServiceScopeFactory scopes, OutboxClaims claims, OutcomeRecorder recorder, DeliveryAttempts attempts,
    DispatchSignal signal, TimeProvider time, IOptions<DispatchOptions> options, ILogger<DispatchPass> logger)
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <returns>How many notifications were handed to senders.</returns>
    public async Task<int> RunOnceAsync(CancellationToken ct = default)
    {
        await _gate.WaitAsync(ct);
        try
        {
            List<NotificationChannel> channels;
            await using (var scope = scopes.CreateAsyncScope())
            {
                channels = Channels(scope.ServiceProvider);
            }
            return channels.Count == 0 ? 0 : await RunAsync(channels, ct);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>When the earliest notification a sender here can take is due (or its lease runs out), for the loop's sleep.</summary>
    public async Task<DateTimeOffset?> NextDueAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var channels = Channels(scope.ServiceProvider);
        var db = scope.ServiceProvider.GetRequiredService<LifelineDbContext>();
        return await db.Notifications
            .Where(n => (n.Status == NotificationStatus.Pending || n.Status == NotificationStatus.Sending) && channels.Contains(n.Channel))
            .OrderBy(n => n.DueAt).Select(n => (DateTimeOffset?)n.DueAt).FirstOrDefaultAsync(ct);
    }

    /// <summary>The channels with a sender in this instance; the others wait in the outbox (Twilio not configured, say).</summary>
    public static List<NotificationChannel> Channels(IServiceProvider services) =>
        services.GetServices<INotificationSender>().Select(s => s.Channel).Distinct().ToList();

    private async Task<int> RunAsync(List<NotificationChannel> channels, CancellationToken ct)
    {
        var finished = Channel.CreateUnbounded<DeliveryOutcome>();
        var inFlight = channels.ToDictionary(c => c, _ => 0);
        var busy = new Dictionary<Guid, int>();
        var running = 0;
        var handed = 0;
        var lookForWork = true;
        ExceptionDispatchInfo? claimFailed = null;
        var wake = new SemaphoreSlim(0);
        // New work queued in this instance while sends are in flight is claimed then, not when they finish.
        var queued = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var listening = ListenAsync(() => { Interlocked.Exchange(ref queued, 1); wake.Release(); }, stop.Token);
        try
        {
            while (true)
            {
                var done = new List<DeliveryOutcome>();
                while (finished.Reader.TryRead(out var outcome))
                {
                    done.Add(outcome);
                }
                if (done.Count > 0)
                {
                    await recorder.RecordAsync(done, ct);
                    foreach (var (unit, _) in done)
                    {
                        inFlight[unit.Channel]--;
                        if (unit.ContactMethodId is { } methodId && --busy[methodId] == 0)
                        {
                            busy.Remove(methodId);
                        }
                    }
                    running -= done.Count;
                    // Room again, and a failure may have queued a fallback that is due now.
                    lookForWork = true;
                }
                lookForWork |= Interlocked.Exchange(ref queued, 0) == 1;
                var room = channels.Select(c => (Channel: c, Free: options.Value.ConcurrencyFor(c) - inFlight[c]))
                    .Where(r => r.Free >= Step(r.Channel)).ToDictionary(r => r.Channel, r => r.Free);
                if (lookForWork && room.Count > 0 && claimFailed is null && !ct.IsCancellationRequested)
                {
                    ClaimedWork claimed;
                    try
                    {
                        claimed = await claims.ClaimAsync(room, busy, ct);
                    }
                    catch (Exception e)
                    {
                        // What is in flight is still recorded before the pass fails.
                        claimFailed = ExceptionDispatchInfo.Capture(e);
                        continue;
                    }
                    lookForWork = claimed.Taken > 0;
                    foreach (var unit in claimed.Units)
                    {
                        inFlight[unit.Channel]++;
                        if (unit.ContactMethodId is { } methodId)
                        {
                            busy[methodId] = busy.GetValueOrDefault(methodId) + 1;
                        }
                        handed += unit.Notifications.Count;
                        running++;
                    }
                    if (claimed.Units.Count > 0)
                    {
                        await StartAsync(claimed.Units, finished.Writer, wake, ct);
                    }
                    continue;
                }
                if (running == 0 && (!lookForWork || claimFailed is not null || ct.IsCancellationRequested))
                {
                    break;
                }
                await wake.WaitAsync(CancellationToken.None);
            }
        }
        finally
        {
            await stop.CancelAsync();
            await listening;
        }
        claimFailed?.Throw();
        ct.ThrowIfCancellationRequested();
        return handed;
    }

    /// <summary>
    /// A channel near its limit waits until a quarter of it is free before claiming again, so a
    /// backlog is claimed in batches rather than one notification per finished send; an idle
    /// channel claims at once.
    /// </summary>
    private int Step(NotificationChannel channel) => Math.Max(1, Math.Min(options.Value.ConcurrencyFor(channel), options.Value.BatchSize) / 4);

    private async Task ListenAsync(Action queued, CancellationToken ct)
    {
        try
        {
            while (true)
            {
                await signal.WaitAsync(Timeout.InfiniteTimeSpan, time, ct);
                queued();
            }
        }
        catch (OperationCanceledException)
        {
            // The pass is over; the loop listens again.
        }
    }

    /// <summary>Renders what was claimed in one go, then starts every send; each reports to <paramref name="finished"/> and wakes the pass.</summary>
    private async Task StartAsync(IReadOnlyList<DispatchUnit> units, ChannelWriter<DeliveryOutcome> finished, SemaphoreSlim wake, CancellationToken ct)
    {
        var notifications = units.SelectMany(u => u.Notifications).ToList();
        IReadOnlyList<Rendering> rendered;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            rendered = await scope.ServiceProvider.GetRequiredService<IMessageRenderer>().RenderAllAsync(notifications, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            rendered = notifications.Select(_ => new Rendering(null, e)).ToList();
        }
        var next = 0;
        foreach (var unit in units)
        {
            var parts = rendered.Skip(next).Take(unit.Notifications.Count).ToList();
            next += unit.Notifications.Count;
            if (parts.FirstOrDefault(r => r.Error is not null)?.Error is { } error)
            {
                logger.LogError(error, "Rendering notification {NotificationId} failed", unit.LeadId);
                // A broken template, or one past its render limits, renders the same way on every retry: permanent,
                // so the fallback channel (with its own template) takes over now. Anything else may pass.
                Finish(new DeliveryOutcome(unit, error is TemplateException or RenderLimitException
                    ? SendOutcome.Permanent(error.Message)
                    : SendOutcome.Temporary($"{error.GetType().Name}: {error.Message}")));
                continue;
            }
            _ = SendAsync(unit, MessageBundle.Combine(parts.Select(r => r.Message!).ToList()));
        }

        void Finish(DeliveryOutcome outcome)
        {
            finished.TryWrite(outcome);
            wake.Release();
        }

        async Task SendAsync(DispatchUnit unit, RenderedMessage content)
        {
            SendOutcome? outcome;
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var sender = scope.ServiceProvider.GetServices<INotificationSender>().Last(s => s.Channel == unit.Channel);
                outcome = await attempts.SendAsync(sender, new OutgoingMessage(unit.Lead, unit.Destination, content, unit.IdempotencyKey), ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopping: whether the provider got it is unknown, so it stays Sending and its lease decides.
                outcome = null;
            }
            catch (Exception e)
            {
                logger.LogError(e, "Sending notification {NotificationId} over {Channel} failed before the provider answered", unit.LeadId, unit.Channel);
                outcome = SendOutcome.Temporary($"{e.GetType().Name}: {e.Message}");
            }
            Finish(new DeliveryOutcome(unit, outcome));
        }
    }
}
