using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>Signing in with a password or an invitation, and signing out: the work behind /v1/auth.</summary>
internal static class SignInFlow
{
    public static async Task<Results<Ok<SignedIn>, ProblemHttpResult, ValidationProblem>> SignInAsync(
        SignInRequest request, NpgsqlDataSource db, TimeProvider clock, HttpContext http, CancellationToken ct)
    {
        if (request is not { Email: { Length: > 0 } given, Password: { Length: > 0 } password })
        {
            return EditorialProblems.Invalid("sign-in", new Dictionary<string, string[]>
            {
                [request.Email is { Length: > 0 } ? "password" : "email"] = ["email and password are required."],
            });
        }

        var email = AccountStore.Normalise(given);
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var now = clock.GetUtcNow().UtcDateTime;
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await SignInLockout.LockedForAsync(conn, email, address, now, ct) is { } wait)
        {
            return AccountProblems.LockedOut(http.Response, wait);
        }

        var account = await AccountStore.FindForSignInAsync(conn, email, ct);
        var (matches, rehash) = Passwords.Verify(account?.PasswordHash, password);
        if (!matches)
        {
            await SignInLockout.RecordFailureAsync(conn, email, address, now, ct);
            return AccountProblems.WrongCredentials();
        }

        if (account!.Disabled)
        {
            return AccountProblems.Disabled();
        }

        if (rehash)
        {
            await AccountStore.SetPasswordAsync(conn, null, account.Id, Passwords.Hash(password), ct);
        }

        await SignInLockout.ForgetAsync(conn, email, ct);
        return TypedResults.Ok(await StartSessionAsync(conn, null, account.Id, http, ct));
    }

    public static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> CurrentAsync(EditorKey caller, NpgsqlDataSource db, HttpContext http, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var account = await AccountStore.GetAsync(conn, null, caller.Id, ct);
        return account is null ? AccountProblems.AccountNotFound(caller.Id)
            : TypedResults.Ok(new SignedIn(account.Adapt<Account>(Mappings.Config), SessionAuthentication.SessionOf(http).CsrfToken));
    }

    /// <summary>Ends this session (<paramref name="everywhere"/>: every session of the person) and clears the cookie.</summary>
    public static async Task<NoContent> SignOutAsync(EditorKey caller, bool everywhere, NpgsqlDataSource db, HttpContext http, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await (everywhere ? Sessions.EndAllAsync(conn, null, caller.Id, ct) : Sessions.EndAsync(conn, SessionAuthentication.SessionOf(http).Id, ct));
        http.Response.Cookies.Delete(Sessions.CookieName, Sessions.CookieOptions(http.Request));
        return TypedResults.NoContent();
    }

    public static async Task<Results<Ok<InvitationInfo>, ProblemHttpResult>> InvitationAsync(string token, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await Invitations.FindAsync(conn, null, token, ct) is { } account
            ? TypedResults.Ok(account.Adapt<InvitationInfo>(Mappings.Config))
            : AccountProblems.InvitationNotFound();
    }

    /// <summary>Sets the password (ending any other sessions: it may be a reset), uses up the link and signs the person in.</summary>
    public static async Task<Results<Ok<SignedIn>, ProblemHttpResult, ValidationProblem>> AcceptAsync(
        string token, AcceptInvitationRequest request, NpgsqlDataSource db, HttpContext http, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (Passwords.Problem(request.Password) is { } weak)
        {
            errors["password"] = [weak];
        }

        if (request.DisplayName is not null && AccountStore.DisplayNameProblem(request.DisplayName) is { } badName)
        {
            errors["displayName"] = [badName];
        }

        if (errors.Count > 0)
        {
            return EditorialProblems.Invalid("password", errors);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await Invitations.FindAsync(conn, tx, token, ct) is not { } invitation)
        {
            return AccountProblems.InvitationNotFound();
        }

        var (accountId, invalid) = invitation.AccountId is { } id ? (id, null) : await CreateFirstAdminAsync(conn, tx, request, ct);
        if (invalid is not null)
        {
            return invalid;
        }

        await AccountStore.SetPasswordAsync(conn, tx, accountId, Passwords.Hash(request.Password!), ct);
        if (request.DisplayName is not null)
        {
            await AccountStore.SetDisplayNameAsync(conn, tx, accountId, request.DisplayName, ct);
        }

        await Invitations.MarkUsedAsync(conn, tx, token, ct);
        await Sessions.EndAllAsync(conn, tx, accountId, ct);
        var account = (await AccountStore.GetAsync(conn, tx, accountId, ct))!;
        var person = new EditorKey(account.Id, account.DisplayName, account.Role, account.Editions, CallerKind.Account);
        await Audit.RecordAsync(conn, tx, person, "accounts.accept-invitation", $"accounts/{account.Id}", http, ct);
        var signedIn = await StartSessionAsync(conn, tx, account.Id, http, ct);
        await tx.CommitAsync(ct);
        return TypedResults.Ok(signedIn);
    }

    /// <summary>The first admin's account, from the email and name given with the first-admin invitation.</summary>
    private static async Task<(long Id, ValidationProblem? Invalid)> CreateFirstAdminAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, AcceptInvitationRequest request, CancellationToken ct)
    {
        var first = new CreateAccountRequest(request.Email, request.DisplayName, Roles.Admin, null);
        if (await AccountStore.ValidateAsync(conn, first, ct) is { Count: > 0 } errors)
        {
            return (0, EditorialProblems.Invalid("first admin", errors));
        }

        // The invitation is locked and no account exists (the invitation's own condition), so the email is free.
        return ((await AccountStore.CreateAsync(conn, tx, first, "first-admin invitation", ct))!.Id, null);
    }

    private static async Task<SignedIn> StartSessionAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long accountId, HttpContext http, CancellationToken ct)
    {
        var token = await Sessions.StartAsync(conn, tx, accountId, http, ct);
        await AccountStore.MarkSignedInAsync(conn, tx, accountId, ct);
        var account = (await AccountStore.GetAsync(conn, tx, accountId, ct))!;
        http.Response.Cookies.Append(Sessions.CookieName, token, Sessions.CookieOptions(http.Request));
        return new SignedIn(account.Adapt<Account>(Mappings.Config), SecretTokens.CsrfToken(token));
    }
}
