using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.AspNetCore.Mvc;
using Nejat.Cms.Api.Database;
using Npgsql;

namespace Nejat.Cms.Api.Hosting;

/// <summary>
/// Exceptions that are not bugs, answered as the problems they are: a body Kestrel could not read is
/// the client's 4xx; a database that is down, full, slow or contended is a 503 with Retry-After; a write
/// that lost a race for a unique name is a 409; a client that went away gets nothing. Everything else
/// stays a 500 without internals (UseExceptionHandler), logged with its stack.
/// </summary>
internal sealed partial class ExceptionProblems(
    IProblemDetailsService problems, DatabaseStatus database, ILogger<ExceptionProblems> logger) : IExceptionHandler
{
    public static IServiceCollection AddTo(IServiceCollection services)
    {
        services.AddExceptionHandler<ExceptionProblems>();
        return services;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken cancellationToken)
    {
        if (http.RequestAborted.IsCancellationRequested && exception is OperationCanceledException or IOException or NpgsqlException)
        {
            // The client went away: there is no one to answer (499 in the access log, as nginx says).
            http.Response.StatusCode = StatusCodes.Status499ClientClosedRequest;
            return true;
        }

        if (exception is BadHttpRequestException bad)
        {
            return await WriteAsync(http, bad.StatusCode, ReasonPhrases.GetReasonPhrase(bad.StatusCode), $"The request could not be read: {bad.Message}");
        }

        switch (DatabaseFailures.Classify(exception))
        {
            case DatabaseFailure.Unreachable:
                database.ReportFailure(exception);
                return await WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Database unavailable",
                    "The database does not answer at the moment. Try again shortly.", DatabaseStatus.ProbeInterval);
            case DatabaseFailure.Busy:
                return await WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Busy",
                    "Every database connection is in use; nothing was changed. Try again shortly.", TimeSpan.FromSeconds(1));
            case DatabaseFailure.TimedOut:
                LogTimedOut(http.Request.Method, http.Request.Path);
                return await WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Timed out",
                    "The database took too long to answer; nothing was changed. Try again shortly.", TimeSpan.FromSeconds(5));
            case DatabaseFailure.Contention:
                return await WriteAsync(http, StatusCodes.Status503ServiceUnavailable, "Busy",
                    "Another change to the same content got in the way; nothing was changed. Send the request again.", TimeSpan.FromSeconds(1));
        }

        if (exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ForeignKeyViolation } conflict)
        {
            // Writes check names and references first; this is a race with a change made at the same moment.
            LogConflict(conflict.ConstraintName, http.Request.Method, http.Request.Path);
            return await WriteAsync(http, StatusCodes.Status409Conflict, "Conflict",
                conflict.SqlState == PostgresErrorCodes.UniqueViolation
                    ? "A change made at the same moment took the same name or slug; nothing was changed. Send the request again."
                    : "Something this request refers to was removed at the same moment; nothing was changed.");
        }

        return false;
    }

    private async ValueTask<bool> WriteAsync(HttpContext http, int status, string title, string detail, TimeSpan? retryAfter = null)
    {
        http.Response.StatusCode = status;
        if (retryAfter is { } wait)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail },
        });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A statement of {Method} {Path} outlived its time limit (Cms__StatementTimeout).")]
    private partial void LogTimedOut(string method, PathString path);

    // A client error like any other 409: worth seeing when debugging, not in the operator's log.
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path} lost a race on {Constraint}: answered 409.")]
    private partial void LogConflict(string? constraint, string method, PathString path);
}
