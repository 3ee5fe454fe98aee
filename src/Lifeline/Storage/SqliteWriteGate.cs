using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Lifeline.Storage;

/// <summary>
/// SQLite lets one writer in at a time. Left to itself, a writer that finds the file locked sleeps
/// inside sqlite3_step (the busy handler) and holds a thread-pool thread while it sleeps; under load
/// the waiting writers take the threads the lock holder needs to finish, and requests queue behind
/// sleeping threads. This gate makes writers of this process wait their turn asynchronously instead,
/// first come first served: a write transaction (BEGIN) takes the gate until it commits or rolls back;
/// a write outside a transaction (SaveChanges of one statement, ExecuteUpdate, a raw UPDATE) takes it
/// for the statement. Another process (a second server, the CLI) is still held off by SQLite's own
/// lock and busy_timeout. A turn that does not come within <see cref="Timeout"/> fails the way a busy
/// database does, instead of hanging.
/// </summary>
public sealed class SqliteWriteGate : DbTransactionInterceptor, IDbCommandInterceptor, IDbConnectionInterceptor
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    private readonly SemaphoreSlim _gate = new(1, 1);
    // The connection holding the gate, with what it holds it for; connections are per DbContext, one flow at a time.
    private readonly ConditionalWeakTable<DbConnection, Hold> _holds = [];
    // A finished SqliteTransaction forgets its connection, so the connection is noted when the transaction starts.
    private readonly ConditionalWeakTable<DbTransaction, DbConnection> _transactions = [];

    private sealed class Hold(bool forTransaction)
    {
        public bool ForTransaction { get; } = forTransaction;
    }

    // --- transactions: from BEGIN to COMMIT or ROLLBACK ---

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        Enter(connection, forTransaction: true);
        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        await EnterAsync(connection, forTransaction: true, cancellationToken);
        return result;
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        _transactions.AddOrUpdate(result, connection);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        _transactions.AddOrUpdate(result, connection);
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Ended(transaction);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(transaction);
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Ended(transaction);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Ended(transaction);
        return Task.CompletedTask;
    }

    private void Ended(DbTransaction transaction)
    {
        if (_transactions.TryGetValue(transaction, out var connection))
        {
            _transactions.Remove(transaction);
            Leave(connection);
        }
    }

    // --- a write statement outside a transaction: for the statement ---

    InterceptionResult<DbDataReader> IDbCommandInterceptor.ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        EnterForStatement(command);
        return result;
    }

    async ValueTask<InterceptionResult<DbDataReader>> IDbCommandInterceptor.ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken)
    {
        await EnterForStatementAsync(command, cancellationToken);
        return result;
    }

    InterceptionResult<int> IDbCommandInterceptor.NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        EnterForStatement(command);
        return result;
    }

    async ValueTask<InterceptionResult<int>> IDbCommandInterceptor.NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken)
    {
        await EnterForStatementAsync(command, cancellationToken);
        return result;
    }

    InterceptionResult<object> IDbCommandInterceptor.ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        EnterForStatement(command);
        return result;
    }

    async ValueTask<InterceptionResult<object>> IDbCommandInterceptor.ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken)
    {
        await EnterForStatementAsync(command, cancellationToken);
        return result;
    }

    // A reader's statement runs until the reader is done with it.
    InterceptionResult IDbCommandInterceptor.DataReaderClosing(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command.Connection);
        return result;
    }

    ValueTask<InterceptionResult> IDbCommandInterceptor.DataReaderClosingAsync(DbCommand command, DataReaderClosingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command.Connection);
        return ValueTask.FromResult(result);
    }

    InterceptionResult IDbCommandInterceptor.DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
    {
        LeaveStatement(command.Connection);
        return result;
    }

    int IDbCommandInterceptor.NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        LeaveStatement(command.Connection);
        return result;
    }

    ValueTask<int> IDbCommandInterceptor.NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken)
    {
        LeaveStatement(command.Connection);
        return ValueTask.FromResult(result);
    }

    object? IDbCommandInterceptor.ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        LeaveStatement(command.Connection);
        return result;
    }

    ValueTask<object?> IDbCommandInterceptor.ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken)
    {
        LeaveStatement(command.Connection);
        return ValueTask.FromResult(result);
    }

    void IDbCommandInterceptor.CommandFailed(DbCommand command, CommandErrorEventData eventData) => LeaveStatement(command.Connection);

    Task IDbCommandInterceptor.CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken)
    {
        LeaveStatement(command.Connection);
        return Task.CompletedTask;
    }

    void IDbCommandInterceptor.CommandCanceled(DbCommand command, CommandEndEventData eventData) => LeaveStatement(command.Connection);

    Task IDbCommandInterceptor.CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken)
    {
        LeaveStatement(command.Connection);
        return Task.CompletedTask;
    }

    // --- whatever else ends, a closed connection holds nothing (a transaction disposed without commit) ---

    void IDbConnectionInterceptor.ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Leave(connection);

    Task IDbConnectionInterceptor.ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Leave(connection);
        return Task.CompletedTask;
    }

    void IDbConnectionInterceptor.ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Leave(connection);

    Task IDbConnectionInterceptor.ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData)
    {
        Leave(connection);
        return Task.CompletedTask;
    }

    // --- the gate ---

    /// <summary>Whether the statement writes and is not inside a transaction that already holds the gate.</summary>
    private bool NeedsTurn(DbCommand command) =>
        command.Transaction is null && command.Connection is { } connection && !_holds.TryGetValue(connection, out _) && IsWrite(command.CommandText);

    internal static bool IsWrite(string sql)
    {
        var text = sql.AsSpan().TrimStart();
        return text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase) || text.StartsWith("REPLACE", StringComparison.OrdinalIgnoreCase)
            || (text.StartsWith("WITH", StringComparison.OrdinalIgnoreCase) && (sql.Contains("INSERT", StringComparison.OrdinalIgnoreCase)
                || sql.Contains("UPDATE", StringComparison.OrdinalIgnoreCase) || sql.Contains("DELETE", StringComparison.OrdinalIgnoreCase)));
    }

    private void EnterForStatement(DbCommand command)
    {
        if (NeedsTurn(command))
        {
            Enter(command.Connection!, forTransaction: false);
        }
    }

    private async ValueTask EnterForStatementAsync(DbCommand command, CancellationToken ct)
    {
        if (NeedsTurn(command))
        {
            await EnterAsync(command.Connection!, forTransaction: false, ct);
        }
    }

    private void Enter(DbConnection connection, bool forTransaction)
    {
        if (_holds.TryGetValue(connection, out _))
        {
            return;
        }
        if (!_gate.Wait(Timeout))
        {
            throw Busy();
        }
        _holds.AddOrUpdate(connection, new Hold(forTransaction));
    }

    private async ValueTask EnterAsync(DbConnection connection, bool forTransaction, CancellationToken ct)
    {
        if (_holds.TryGetValue(connection, out _))
        {
            return;
        }
        if (!await _gate.WaitAsync(Timeout, ct))
        {
            throw Busy();
        }
        _holds.AddOrUpdate(connection, new Hold(forTransaction));
    }

    private void LeaveStatement(DbConnection? connection)
    {
        if (connection is not null && _holds.TryGetValue(connection, out var hold) && !hold.ForTransaction)
        {
            Leave(connection);
        }
    }

    private void Leave(DbConnection connection)
    {
        if (_holds.Remove(connection))
        {
            _gate.Release();
        }
    }

    private static TimeoutException Busy() =>
        new($"The SQLite database stayed busy with other writes for {Timeout.TotalSeconds:0} s.");
}
