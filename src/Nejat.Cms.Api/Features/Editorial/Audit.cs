using Dapper;
using Npgsql;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>The audit log: every admin write records who, what, when and the request id, in the write's own transaction.</summary>
internal static class Audit
{
    private const string InsertSql = """
        INSERT INTO audit_log (key_id, account_id, key_name, action, resource, request_id)
        VALUES (@KeyId, @AccountId, @KeyName, @Action, @Resource, @RequestId)
        """;

    public static Task RecordAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, EditorKey key, string action, string resource, HttpContext http, CancellationToken ct) =>
        RecordAsync(conn, tx, key, key.Name, action, resource, http.TraceIdentifier, ct);

    /// <summary>Also for writes with no request behind them (the scheduler, an import): no caller, a descriptive name.</summary>
    public static Task RecordAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, EditorKey? caller, string name, string action, string resource, string? requestId, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            KeyId = caller?.KeyId,
            AccountId = caller?.AccountId,
            KeyName = name,
            Action = action,
            Resource = resource,
            RequestId = requestId,
        }, tx, cancellationToken: ct));
}
