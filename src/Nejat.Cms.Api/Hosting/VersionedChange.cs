using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// The start every write to an existing versioned resource shares: If-Match read, a transaction
/// opened, the row locked and loaded, the caller's rights checked, the version compared. The caller
/// then makes its change on <see cref="Connection"/>/<see cref="Transaction"/> and commits.
/// </summary>
internal sealed class VersionedChange<T> : IAsyncDisposable where T : class
{
    private VersionedChange(NpgsqlConnection connection, NpgsqlTransaction transaction, T current)
    {
        Connection = connection;
        Transaction = transaction;
        Current = current;
    }

    public NpgsqlConnection Connection { get; }
    public NpgsqlTransaction Transaction { get; }
    public T Current { get; }

    /// <param name="request">Carries If-Match.</param>
    /// <param name="db">The data source the change runs on.</param>
    /// <param name="lockCurrent">Loads the row FOR UPDATE in the transaction; null when it does not exist.</param>
    /// <param name="versionOf">The row's version, compared with If-Match.</param>
    /// <param name="refuse">A 403 when the caller may not change this row, else null.</param>
    /// <param name="notFound">The 404 for a missing row.</param>
    /// <param name="name">The resource as the 412 names it, e.g. "Post 42".</param>
    /// <param name="ct">Cancels the request's work.</param>
    public static async Task<(VersionedChange<T>? Change, ProblemHttpResult? Problem)> BeginAsync(
        HttpRequest request, NpgsqlDataSource db,
        Func<NpgsqlConnection, NpgsqlTransaction, Task<T?>> lockCurrent, Func<T, int> versionOf, Func<T, ProblemHttpResult?> refuse,
        Func<ProblemHttpResult> notFound, string name, CancellationToken ct)
    {
        if (Versions.Expected(request, out var expected) is { } precondition)
        {
            return (null, precondition);
        }

        var connection = await db.OpenConnectionAsync(ct);
        var transaction = await connection.BeginTransactionAsync(ct);
        var current = await lockCurrent(connection, transaction);
        var problem = current is null ? notFound()
            : refuse(current) is { } refused ? refused
            : versionOf(current) != expected ? Versions.Stale(name, versionOf(current))
            : null;
        if (problem is not null)
        {
            await transaction.DisposeAsync();
            await connection.DisposeAsync();
            return (null, problem);
        }

        return (new VersionedChange<T>(connection, transaction, current!), null);
    }

    public Task CommitAsync(CancellationToken ct) => Transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await Transaction.DisposeAsync();
        await Connection.DisposeAsync();
    }
}
