using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Editorial;

public sealed record AuditEntry(long Id, DateTime At, string KeyName, string Action, string Resource, string? RequestId);

/// <summary>The audit log: every admin write records who, what, when and the request id, in the write's own transaction.</summary>
internal static class Audit
{
    private const string InsertSql = """
        INSERT INTO audit_log (key_id, key_name, action, resource, request_id)
        VALUES (@KeyId, @KeyName, @Action, @Resource, @RequestId)
        """;

    // Filters are optional; the log is read by admins now and then, so one statement (and plan) serves all.
    private const string ListSql = """
        SELECT count(*) FROM audit_log
        WHERE (@Key::text IS NULL OR key_name = @Key) AND (@Action::text IS NULL OR action = @Action);
        SELECT id, at, key_name, action, resource, request_id FROM audit_log
        WHERE (@Key::text IS NULL OR key_name = @Key) AND (@Action::text IS NULL OR action = @Action)
        ORDER BY at DESC, id DESC
        LIMIT @Limit OFFSET @Offset;
        """;

    public static Task RecordAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, EditorKey key, string action, string resource, HttpContext http, CancellationToken ct) =>
        RecordAsync(conn, tx, key.Id, key.Name, action, resource, http.TraceIdentifier, ct);

    /// <summary>For writes with no request behind them (the scheduler): no key id, a descriptive name.</summary>
    public static Task RecordAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, long? keyId, string keyName, string action, string resource, string? requestId, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            KeyId = keyId,
            KeyName = keyName,
            Action = action,
            Resource = resource,
            RequestId = requestId,
        }, tx, cancellationToken: ct));

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", ListAudit)
            .WithName(nameof(ListAudit))
            .WithSummary("Read the audit log (admin)")
            .WithDescription("Newest first. Every admin write: the key's name, the action, the resource and the request id.")
            .WithTags("Admin: audit")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return admin;
    }

    public static async Task<Results<Ok<ListEnvelope<AuditEntry>>, ProblemHttpResult, ValidationProblem>> ListAudit(
        [Description("Page number, from 1. Default 1.")] QueryInteger? page,
        [Description("Entries per page, from 1 to the configured maximum. Default 10.")] QueryInteger? perPage,
        [Description("Only entries by the key of this name.")] string? key,
        [Description("Only entries of this action, e.g. `keys.create`.")] string? action,
        HttpContext http,
        NpgsqlDataSource db,
        IOptions<CmsOptions> options,
        CancellationToken ct)
    {
        // The log covers every edition's changes and every key: it is for admins of every edition.
        var caller = EditorKey.From(http.User);
        if (!caller.IsAdmin || caller.Editions is not null)
        {
            return EditorialProblems.Forbidden(caller, "read the audit log", "role admin of every edition (the log covers every edition)");
        }

        if (PageRequest.Invalid(page, perPage, options.Value, out var paging) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition(ListSql, new
        {
            Key = string.IsNullOrEmpty(key) ? null : key,
            Action = string.IsNullOrEmpty(action) ? null : action,
            Limit = paging.Size,
            paging.Offset,
        }, cancellationToken: ct));
        var total = await results.ReadSingleAsync<long>();
        var items = (await results.ReadAsync<AuditEntry>()).ToArray();
        return TypedResults.Ok(ListEnvelope.Create(items, paging, total, http.Request));
    }
}
