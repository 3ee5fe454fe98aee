using System.Threading.Channels;

namespace Lifeline.Engine;

/// <summary>
/// Wakes a background loop in this instance as soon as new work is committed, so fresh work does
/// not wait for the next poll. Other instances find the work on their own poll. Each loop has its
/// own subclass, so each is its own singleton.
/// </summary>
public abstract class WakeSignal
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
