using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>/v1/admin/keys: admins list, create and revoke API keys.</summary>
internal static class KeyEndpoints
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
                + "an admin of some editions creates keys for those editions only. The key is in the response and shown only this once.")
            .Accepts<CreateApiKeyRequest>("application/json");

        keys.MapDelete("/{id:long}", RevokeKey)
            .WithName(nameof(RevokeKey))
            .WithSummary("Revoke an API key (admin)")
            .WithDescription("The key stops working at once. Only keys of no more than the caller's editions; the last active admin key cannot be revoked.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        return admin;
    }

    public static async Task<Results<Ok<ApiKeyInfo[]>, ProblemHttpResult>> ListKeys(HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var caller = EditorKey.From(http.User);
        if (!caller.IsAdmin)
        {
            return EditorialProblems.Forbidden(caller, "manage API keys", "role admin");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var keys = await conn.QueryAsync<ApiKeyInfo>(new CommandDefinition(ApiKeyStore.ListSql, cancellationToken: ct));
        return TypedResults.Ok(keys.Where(k => caller.Covers(k.Role, k.Editions)).ToArray());
    }

    public static async Task<Results<Created<CreatedApiKey>, ProblemHttpResult, ValidationProblem>> CreateKey(
        HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var caller = EditorKey.From(http.User);
        if (!caller.IsAdmin)
        {
            return EditorialProblems.Forbidden(caller, "manage API keys", "role admin");
        }

        var (request, invalid) = await JsonBody.ReadAsync<CreateApiKeyRequest>(http.Request, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var errors = await ApiKeyStore.ValidateAsync(conn, request!, ct);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "Invalid API key request");
        }

        if (!caller.Covers(request!.Role!, request.Editions))
        {
            return Exceeds(caller, "create", request.Role!, request.Editions);
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        var created = await ApiKeyStore.CreateAsync(conn, tx, request!, caller.Name, ct);
        await Audit.RecordAsync(conn, tx, caller, "keys.create", $"keys/{created.Info.Id}", http, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/v1/admin/keys/{created.Info.Id}", created);
    }

    public static async Task<Results<Ok<ApiKeyInfo>, ProblemHttpResult>> RevokeKey(
        [Description("The key's id, from the key list.")] long id, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var caller = EditorKey.From(http.User);
        if (!caller.IsAdmin)
        {
            return EditorialProblems.Forbidden(caller, "manage API keys", "role admin");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        // Revocations serialise on the bootstrap lock (taken before the statement, so its snapshot sees
        // the other's commit): two admins revoking each other cannot both succeed.
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@Key)", new { Key = ApiKeyStore.BootstrapLockKey }, tx, cancellationToken: ct));
        var current = await conn.QuerySingleOrDefaultAsync<ApiKeyInfo>(new CommandDefinition(ApiKeyStore.GetSql, new { Id = id }, tx, cancellationToken: ct));
        if (current is null)
        {
            return EditorialProblems.NotFound("API key not found", $"There is no API key with id {id}.");
        }

        if (!caller.Covers(current.Role, current.Editions))
        {
            return Exceeds(caller, "revoke", current.Role, current.Editions);
        }

        var revoked = await conn.QuerySingleOrDefaultAsync<ApiKeyInfo>(new CommandDefinition(ApiKeyStore.RevokeSql, new { Id = id }, tx, cancellationToken: ct));
        if (revoked is null)
        {
            return current.RevokedAt is not null
                ? EditorialProblems.Conflict("API key already revoked", $"API key {id} was revoked at {current.RevokedAt:O}.")
                : EditorialProblems.Conflict("Last admin key", $"API key {id} is the last active admin key; create another admin key first.");
        }

        await Audit.RecordAsync(conn, tx, caller, "keys.revoke", $"keys/{id}", http, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(revoked);
    }

    private static ProblemHttpResult Exceeds(EditorKey caller, string verb, string role, string[]? editions) =>
        EditorialProblems.Forbidden(caller, $"{verb} a key of role {role} for {(editions is null ? "all editions" : string.Join(", ", editions))}",
            $"a key that holds as much (role {role} or higher, and those editions): a key never grants more than its creator holds");
}
