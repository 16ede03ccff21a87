using System.ComponentModel;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>/v1/admin/audit: admins of every edition read the audit log.</summary>
internal static class AuditEndpoints
{
    // Filters are optional; the log is read by admins now and then, so one statement (and plan) serves all.
    private const string ListSql = """
        SELECT count(*) FROM audit_log
        WHERE (@Key::text IS NULL OR key_name = @Key) AND (@Action::text IS NULL OR action = @Action);
        SELECT id, at, key_name, action, resource, request_id, key_id, account_id FROM audit_log
        WHERE (@Key::text IS NULL OR key_name = @Key) AND (@Action::text IS NULL OR action = @Action)
        ORDER BY at DESC, id DESC
        LIMIT @Limit OFFSET @Offset;
        """;

    public static RouteGroupBuilder MapAudit(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", ListAudit)
            .WithName(nameof(ListAudit))
            .WithSummary("Read the audit log (admin)")
            .WithDescription("Newest first. Every admin write: who made it (actor: an API key, a signed-in person or the service itself, with the name it had), the action, the resource and the request id.")
            .WithTags("Admin: audit")
            .ProducesProblem(StatusCodes.Status403Forbidden);
        return admin;
    }

    public static async Task<Results<Ok<ListEnvelope<AuditEntry>>, ProblemHttpResult, ValidationProblem>> ListAudit(
        [AsParameters] PageQuery paging,
        [FromQuery(Name = "key"), Description("Only entries by the key or person of this name.")] string? keyName,
        [Description("Only entries of this action, e.g. `keys.create`.")] string? action,
        EditorKey key, NpgsqlDataSource db, IOptions<CmsOptions> options, HttpRequest request, CancellationToken ct)
    {
        // The log covers every edition's changes and every key: it is for admins of every edition.
        if (!key.IsAdmin || key.Editions is not null)
        {
            return EditorialProblems.Forbidden(key, "read the audit log", "role admin of every edition (the log covers every edition)");
        }

        if (paging.Invalid(options.Value, out var page) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var entries = await ListEnvelope.ReadAsync<AuditEntryRow>(conn, ListSql, new
        {
            Key = string.IsNullOrEmpty(keyName) ? null : keyName,
            Action = string.IsNullOrEmpty(action) ? null : action,
        }, page, request, ct);
        return TypedResults.Ok(entries.Adapt<ListEnvelope<AuditEntry>>(Mappings.Config));
    }
}
