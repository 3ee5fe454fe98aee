namespace Lifeline.Storage;

/// <summary>
/// "Something about these things just changed", raised after the commit of every save that touched them, whoever saved
/// it — the API, the console, the engine — and heard from other instances on the same database through
/// <see cref="PostgresChangeRelay{TFeed}"/>. The console's live pages listen and reload, so they are live without polling.
/// </summary>
public abstract class ChangeFeed
{
    public event Action<IReadOnlyCollection<Guid>>? Changed;

    /// <summary>Where changes made here are passed on to the other instances on the same database (PostgreSQL), if any.</summary>
    internal Action<IReadOnlyCollection<Guid>>? Relay { get; set; }

    /// <summary>Changes committed by this instance: heard here, and passed on to the others.</summary>
    internal void Raise(IReadOnlyCollection<Guid> ids)
    {
        Changed?.Invoke(ids);
        Relay?.Invoke(ids);
    }

    /// <summary>Changes another instance committed, heard through the database.</summary>
    internal void RaiseFromElsewhere(IReadOnlyCollection<Guid> ids) => Changed?.Invoke(ids);
}
