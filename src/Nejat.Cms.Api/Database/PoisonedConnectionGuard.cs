using System.Runtime.ExceptionServices;
using Npgsql;

namespace Nejat.Cms.Api.Database;

/// <summary>
/// Keeps a connection that a failed statement put out of step with the server (see
/// <see cref="DatabaseFailures.MayPoisonConnection"/>) from serving another request. Input is checked
/// before it reaches the database (Text/TextRules.cs), so this should never act; when it does, it acts
/// where the failure is thrown, while the connection is still in use: emptying the pool there marks
/// every connection in use to be closed instead of pooled when it is given back, so the poisoned one
/// is never handed out again. (Emptying it later, in the exception handler, would be too late: the
/// connection is given back while the exception unwinds, and another request may take it first.)
/// </summary>
internal sealed partial class PoisonedConnectionGuard(NpgsqlDataSource db, ILogger<PoisonedConnectionGuard> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        AppDomain.CurrentDomain.FirstChanceException += OnException;
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        AppDomain.CurrentDomain.FirstChanceException -= OnException;
        return Task.CompletedTask;
    }

    private void OnException(object? sender, FirstChanceExceptionEventArgs e)
    {
        if (e.Exception is PostgresException && DatabaseFailures.MayPoisonConnection(e.Exception))
        {
            db.Clear();
            LogCleared(((PostgresException)e.Exception).SqlState);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A statement failed while its parameters were bound ({SqlState}); the connection pool was emptied so that the connection is not used again. Input that reaches the database should have been refused before.")]
    private partial void LogCleared(string sqlState);
}
