namespace Lifeline.Bench;

/// <summary>Samples a process's resident memory every 200 ms and keeps the highest, until disposed.</summary>
public sealed class RssSampler : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public double Max { get; private set; }

    public RssSampler(ServerProcess server)
    {
        _loop = Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested && !server.HasExited)
            {
                try
                {
                    Max = Math.Max(Max, server.RssMb());
                }
                catch (IOException)
                {
                    return;
                }
                await Task.Delay(200);
            }
        });
    }

    public void Dispose()
    {
        _stop.Cancel();
        _loop.Wait(1000);
        _stop.Dispose();
    }
}
