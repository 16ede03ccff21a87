using Dapper;
using Npgsql;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>The audit log: every admin write records who, what, when and the request id, in the write's own transaction.</summary>
internal static class Audit
{
    private const string InsertSql = """
        INSERT INTO audit_log (key_id, key_name, action, resource, request_id)
        VALUES (@KeyId, @KeyName, @Action, @Resource, @RequestId)
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
}
