using Npgsql;

namespace Nejat.Cms.Api.Database;

/// <summary>The kinds of database failure after which the same request can succeed later: each is a 503, not a 500.</summary>
internal enum DatabaseFailure
{
    /// <summary>Not a passing database failure: a bug, or something the request itself caused.</summary>
    None,

    /// <summary>PostgreSQL cannot be reached: refused or broken connections, a server shutting down or starting.</summary>
    Unreachable,

    /// <summary>Every connection is in use (the pool or the server is full).</summary>
    Busy,

    /// <summary>A statement ran longer than its time limit.</summary>
    TimedOut,

    /// <summary>Concurrent transactions got in each other's way (deadlock, serialization failure, lock timeout).</summary>
    Contention,
}

/// <summary>What a database exception means for the request and for the connection pool.</summary>
internal static class DatabaseFailures
{
    public static DatabaseFailure Classify(Exception ex) => ex switch
    {
        PostgresException { SqlState: PostgresErrorCodes.QueryCanceled } => DatabaseFailure.TimedOut,
        PostgresException { SqlState: PostgresErrorCodes.TooManyConnections } => DatabaseFailure.Busy,
        PostgresException { SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable }
            => DatabaseFailure.Contention,
        PostgresException { SqlState: PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow } => DatabaseFailure.Unreachable,
        PostgresException pg => pg.SqlState.StartsWith("08", StringComparison.Ordinal) ? DatabaseFailure.Unreachable : DatabaseFailure.None,
        // Npgsql cancels a statement that outlives its command timeout and then reports a read timeout.
        NpgsqlException { InnerException: TimeoutException { Message: "Timeout during reading attempt" } } => DatabaseFailure.TimedOut,
        NpgsqlException { InnerException: TimeoutException } npgsql when npgsql.Message.Contains("pool has been exhausted", StringComparison.Ordinal) => DatabaseFailure.Busy,
        NpgsqlException { InnerException: TimeoutException or IOException or System.Net.Sockets.SocketException } => DatabaseFailure.Unreachable,
        _ => DatabaseFailure.None,
    };

    /// <summary>
    /// A failure that can leave a pooled connection out of step with the server. Npgsql marks an
    /// automatically prepared statement as prepared when PostgreSQL has parsed it, before its parameters
    /// are bound (npgsql/npgsql#6391). When binding then fails (a value PostgreSQL refuses on input, such
    /// as U+0000 in text), the statement stays "prepared" without knowing the rows it returns, and the next
    /// request that runs it on that connection misreads the protocol, or another request's rows.
    /// PostgreSQL names the parameter of such a failure ("unnamed portal parameter $6").
    /// </summary>
    public static bool MayPoisonConnection(Exception ex) =>
        ex is PostgresException pg
        && (pg.SqlState.StartsWith("22", StringComparison.Ordinal) && pg.Where?.Contains("parameter $", StringComparison.Ordinal) == true
            || pg.SqlState is PostgresErrorCodes.ProtocolViolation or PostgresErrorCodes.InvalidSqlStatementName or PostgresErrorCodes.DuplicatePreparedStatement);
}
