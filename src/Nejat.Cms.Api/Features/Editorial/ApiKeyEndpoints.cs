using System.ComponentModel;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>/v1/admin/keys: admins list, create and revoke API keys.</summary>
internal static class ApiKeyEndpoints
{
    public static RouteGroupBuilder MapKeys(this RouteGroupBuilder admin)
    {
        var keys = admin.MapGroup("/keys").WithTags("Admin: API keys").ProducesProblem(StatusCodes.Status403Forbidden);

        keys.MapGet("/", ListKeys)
            .WithName(nameof(ListKeys))
            .WithSummary("List API keys (admin)")
            .WithDescription("Active keys first. Never shows a key itself, only its first characters. An admin of some editions sees the keys it could revoke: those of no more than its editions.");

        keys.MapPost("/", CreateKey)
            .WithName(nameof(CreateKey))
            .WithSummary("Create an API key (admin)")
            .WithDescription("Roles: admin, editor, author, previewer. Leave editions out for all editions. A key never grants more than its creator holds: "
                + "an admin of some editions creates keys for those editions only. The key is in the response and shown only this once.");

        keys.MapDelete("/{id:long}", RevokeKey)
            .WithName(nameof(RevokeKey))
            .WithSummary("Revoke an API key (admin)")
            .WithDescription("The key stops working at once. Only keys of no more than the caller's editions; the last active admin key cannot be revoked.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return admin;
    }

    public static async Task<Results<Ok<ApiKeyInfo[]>, ProblemHttpResult>> ListKeys(EditorKey key, NpgsqlDataSource db, CancellationToken ct)
    {
        if (!key.IsAdmin)
        {
            return NotAdmin(key);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var keys = await ApiKeyStore.ListAsync(conn, ct);
        return TypedResults.Ok(keys.Where(k => key.Covers(k.Role, k.Editions)).Select(k => k.Adapt<ApiKeyInfo>(Mappings.Config)).ToArray());
    }

    public static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult, ValidationProblem>> CreateKey(
        Body<CreateApiKeyRequest> body, EditorKey key, NpgsqlDataSource db, HttpContext http, CancellationToken ct)
    {
        if (!key.IsAdmin)
        {
            return NotAdmin(key);
        }

        var request = body.Value;
        await using var conn = await db.OpenConnectionAsync(ct);
        var errors = await ApiKeyStore.ValidateAsync(conn, request, ct);
        if (errors.Count > 0)
        {
            return EditorialProblems.Invalid("API key request", errors);
        }

        if (!key.Covers(request.Role!, request.Editions))
        {
            return Exceeds(key, "create", request.Role!, request.Editions);
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        var created = await ApiKeyStore.CreateAsync(conn, tx, request, key.Name, ct);
        await Audit.RecordAsync(conn, tx, key, "keys.create", $"keys/{created.Info.Id}", http, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/v1/admin/keys/{created.Info.Id}", created);
    }

    public static async Task<Results<Ok<ApiKeyInfo>, ProblemHttpResult>> RevokeKey(
        [Description("The key's id, from the key list.")] long id, EditorKey key, NpgsqlDataSource db, HttpContext http, CancellationToken ct)
    {
        if (!key.IsAdmin)
        {
            return NotAdmin(key);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await ApiKeyStore.LockForRevocationAsync(conn, tx, id, ct) is not { } current)
        {
            return EditorialProblems.ApiKeyNotFound(id);
        }

        if (!key.Covers(current.Role, current.Editions))
        {
            return Exceeds(key, "revoke", current.Role, current.Editions);
        }

        if (await ApiKeyStore.RevokeAsync(conn, tx, id, ct) is not { } revoked)
        {
            return current.RevokedAt is { } revokedAt ? EditorialProblems.ApiKeyAlreadyRevoked(id, revokedAt) : EditorialProblems.LastAdminKey(id);
        }

        await Audit.RecordAsync(conn, tx, key, "keys.revoke", $"keys/{id}", http, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(revoked.Adapt<ApiKeyInfo>(Mappings.Config));
    }

    private static ProblemHttpResult NotAdmin(EditorKey key) => EditorialProblems.Forbidden(key, "manage API keys", "role admin");

    private static ProblemHttpResult Exceeds(EditorKey key, string verb, string role, string[]? editions) =>
        EditorialProblems.Forbidden(key, $"{verb} a key of role {role} for {(editions is null ? "all editions" : string.Join(", ", editions))}",
            $"a key that holds as much (role {role} or higher, and those editions): a key never grants more than its creator holds");
}
