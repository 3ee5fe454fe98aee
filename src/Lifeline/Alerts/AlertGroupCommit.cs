using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace Lifeline.Alerts;

/// <summary>
/// Group commit for events from monitoring: every request puts its event in a queue and waits; one writer at a time takes
/// everything waiting (up to <see cref="AlertOptions.GroupCommitEvents"/>) and applies it in one transaction
/// (<see cref="AlertIngest.ProcessBatchAsync"/>), then answers each request. An event is still answered only after it is
/// committed, but a storm of thousands costs a few commits a second instead of one each. The first request to find no
/// writer at work becomes the writer, so nothing runs when nothing comes, and no timer waits to fill a batch: a batch is
/// whatever came while the last one was being written. When a batch fails as a whole, each of its events is applied
/// again in a transaction of its own, so one bad event fails only its own request.
/// </summary>
public sealed class AlertGroupCommit(IServiceScopeFactory scopes, IOptions<AlertOptions> options, ILogger<AlertGroupCommit> logger)
{
    private readonly ConcurrentQueue<Waiting> _queue = new();
    private int _writing;

    private sealed record Waiting(KeyedAlertEvent Event)
    {
        public TaskCompletionSource<AlertEventAccepted?> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>
    /// Applies the event with others that came at the same time; returns once it is committed. Null when the key was
    /// revoked or expired before the event's group was written: nothing was stored, and the sender is refused.
    /// </summary>
    public Task<AlertEventAccepted?> SubmitAsync(IntegrationKey key, AlertEvent e, CancellationToken ct)
    {
        var waiting = new Waiting(new KeyedAlertEvent(key, e));
        _queue.Enqueue(waiting);
        if (Interlocked.CompareExchange(ref _writing, 1, 0) == 0)
        {
            // The batch is not the request's work alone: the writer must not stop when this request is cancelled, nor
            // carry the request's context (its HttpContext, its actor) into the other requests' events.
            using (ExecutionContext.SuppressFlow())
            {
                _ = Task.Run(WriteAsync, CancellationToken.None);
            }
        }
        // A cancelled request stops waiting; its event may still be committed, as a sender that gave up may find.
        return waiting.Answer.Task.WaitAsync(ct);
    }

    private async Task WriteAsync()
    {
        while (true)
        {
            while (Take() is { Count: > 0 } batch)
            {
                await WriteBatchAsync(batch);
            }
            Volatile.Write(ref _writing, 0);
            // An event queued after the last Take but before the flag was cleared found a writer at work and started
            // none: take it up again, unless another request already became the writer.
            if (_queue.IsEmpty || Interlocked.CompareExchange(ref _writing, 1, 0) != 0)
            {
                return;
            }
        }
    }

    private List<Waiting> Take()
    {
        var max = options.Value.GroupCommitEvents;
        var batch = new List<Waiting>(Math.Min(max, _queue.Count));
        while (batch.Count < max && _queue.TryDequeue(out var waiting))
        {
            batch.Add(waiting);
        }
        return batch;
    }

    private async Task WriteBatchAsync(List<Waiting> batch)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            var answers = await scope.ServiceProvider.GetRequiredService<AlertIngest>().ProcessBatchAsync(batch.Select(w => w.Event).ToList(), CancellationToken.None);
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Answer.TrySetResult(answers[i]);
            }
        }
        catch (Exception e) when (batch.Count > 1)
        {
            logger.LogWarning(e, "A group of {Count} alert events failed as a whole; applying each on its own", batch.Count);
            foreach (var waiting in batch)
            {
                await WriteBatchAsync([waiting]);
            }
        }
        catch (Exception e)
        {
            batch[0].Answer.TrySetException(e);
        }
    }
}

/// <summary>An event with the integration key it came with (the key names the service and the actor).</summary>
public sealed record KeyedAlertEvent(IntegrationKey Key, AlertEvent Event);
