using System.Text.Json.Nodes;
using Dapper;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>
/// Admins create, invite, change and remove accounts. An admin manages only accounts its own scope
/// covers, and grants no more than it holds (the rule of keys, <see cref="EditorKey.Covers"/>).
/// </summary>
internal static class AccountAdministration
{
    public static async Task<Results<Ok<ListEnvelope<Account>>, ProblemHttpResult, ValidationProblem>> ListAsync(
        PageQuery paging, EditorKey key, NpgsqlDataSource db, CmsOptions options, HttpRequest request, CancellationToken ct)
    {
        if (!key.IsAdmin)
        {
            return AccountProblems.NotAdmin(key);
        }

        if (paging.Invalid(options, out var page) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        return TypedResults.Ok((await AccountStore.ListAsync(conn, key, page, request, ct)).Adapt<ListEnvelope<Account>>(Mappings.Config));
    }

    public static async Task<Results<Created<CreatedAccount>, ProblemHttpResult, ValidationProblem>> CreateAsync(
        CreateAccountRequest request, EditorKey key, NpgsqlDataSource db, HttpContext http, CancellationToken ct)
    {
        if (!key.IsAdmin)
        {
            return AccountProblems.NotAdmin(key);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        if (await AccountStore.ValidateAsync(conn, request, ct) is { Count: > 0 } errors)
        {
            return EditorialProblems.Invalid("account", errors);
        }

        if (!key.Covers(request.Role!, request.Editions))
        {
            return AccountProblems.Exceeds(key, "create", request.Role!, request.Editions);
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await AccountStore.CreateAsync(conn, tx, request, key.Name, ct) is not { } account)
        {
            return AccountProblems.EmailTaken(request.Email!.Trim());
        }

        var token = await Invitations.ReplaceAsync(conn, tx, account.Id, ct);
        await Audit.RecordAsync(conn, tx, key, "accounts.create", $"accounts/{account.Id}", http, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Created($"/v1/admin/accounts/{account.Id}",
            new CreatedAccount(account.Adapt<Account>(Mappings.Config), Invitations.Url(BaseUrl(http.Request), token)));
    }

    public static async Task<Results<Ok<InvitationLink>, ProblemHttpResult>> InviteAsync(long id, EditorKey key, NpgsqlDataSource db, HttpContext http, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (account, refused) = await ManagedAsync(conn, tx, id, key, "invite", ct);
        if (refused is not null || account!.Disabled)
        {
            return refused ?? AccountProblems.AccountDisabled(id);
        }

        var token = await Invitations.ReplaceAsync(conn, tx, id, ct);
        await Audit.RecordAsync(conn, tx, key, "accounts.invite", $"accounts/{id}", http, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(new InvitationLink(Invitations.Url(BaseUrl(http.Request), token)));
    }

    /// <summary>A merge patch of displayName, role, editions and disabled; disabling ends the person's sessions at once.</summary>
    public static async Task<Results<Ok<Account>, ProblemHttpResult, ValidationProblem>> ChangeAsync(
        long id, JsonObject patch, EditorKey key, NpgsqlDataSource db, HttpContext http, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var (current, refused) = await ManagedAsync(conn, tx, id, key, "change", ct);
        if (refused is not null)
        {
            return refused;
        }

        var (change, invalid) = JsonMergePatch.Merge(current!.Adapt<AccountChange>(Mappings.Config), patch, http);
        if (invalid is not null)
        {
            return invalid;
        }

        var errors = await Scopes.ValidateAsync(conn, change!.Role, change.Editions, ct);
        if (AccountStore.DisplayNameProblem(change.DisplayName) is { } badName)
        {
            errors["displayName"] = [badName];
        }

        if (errors.Count > 0)
        {
            return EditorialProblems.Invalid("account", errors);
        }

        if (!key.Covers(change.Role!, change.Editions))
        {
            return AccountProblems.Exceeds(key, "make", change.Role!, change.Editions);
        }

        var changed = await AccountStore.UpdateAsync(conn, tx, id, change, ct);
        if (changed.Disabled)
        {
            await Sessions.EndAllAsync(conn, tx, id, ct);
        }

        await Audit.RecordAsync(conn, tx, key, changed.Disabled && !current!.Disabled ? "accounts.disable" : "accounts.update", $"accounts/{id}", http, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(changed.Adapt<Account>(Mappings.Config));
    }

    /// <summary>Removes the account and its sessions; the audit keeps the person's name on what they did.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(long id, EditorKey key, NpgsqlDataSource db, HttpContext http, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await ManagedAsync(conn, tx, id, key, "remove", ct) is (_, { } refused))
        {
            return refused;
        }

        await AccountStore.DeleteAsync(conn, tx, id, ct);
        await Audit.RecordAsync(conn, tx, key, "accounts.delete", $"accounts/{id}", http, ct);
        await tx.CommitAsync(ct);
        return TypedResults.NoContent();
    }

    /// <summary>The account, locked for this transaction, when <paramref name="key"/> is an admin that covers it; else the 403 or 404.</summary>
    private static async Task<(AccountRow? Account, ProblemHttpResult? Refused)> ManagedAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, long id, EditorKey key, string verb, CancellationToken ct)
    {
        if (!key.IsAdmin)
        {
            return (null, AccountProblems.NotAdmin(key));
        }

        await conn.ExecuteAsync(new CommandDefinition("SELECT 1 FROM accounts WHERE id = @Id FOR UPDATE", new { Id = id }, tx, cancellationToken: ct));
        return await AccountStore.GetAsync(conn, tx, id, ct) is not { } account ? (null, AccountProblems.AccountNotFound(id))
            : !key.Covers(account.Role, account.Editions) ? (account, AccountProblems.Exceeds(key, verb, account.Role, account.Editions))
            : (account, null);
    }

    /// <summary>Links point back at the service as the admin reached it (the trusted proxies' forwarded scheme and host included).</summary>
    private static string BaseUrl(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";
}
