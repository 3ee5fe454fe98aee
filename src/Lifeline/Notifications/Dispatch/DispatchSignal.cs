using System.Threading.Channels;

namespace Lifeline.Notifications.Dispatch;

/// <summary>
/// Wakes this instance's dispatcher as soon as a notification is queued, so a page does not wait
/// for the next poll. Other instances find it on their own poll.
/// </summary>
public sealed class DispatchSignal
{
    private readonly Channel<bool> _pokes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void Poke() => _pokes.Writer.TryWrite(true);

    /// <summary>Returns when poked or when <paramref name="timeout"/> has passed on <paramref name="time"/>.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var poke = _pokes.Reader.ReadAsync(linked.Token).AsTask();
        var delay = Task.Delay(timeout, time, linked.Token);
        await Task.WhenAny(poke, delay);
        await linked.CancelAsync();
        ct.ThrowIfCancellationRequested();
    }
}
