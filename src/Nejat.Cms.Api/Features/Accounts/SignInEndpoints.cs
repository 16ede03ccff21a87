using System.ComponentModel;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>/v1/auth: people sign in (with a password or an invitation link) and out; the session is a cookie.</summary>
internal static class SignInEndpoints
{
    private static readonly AuthorizeAttribute SessionOnly = new() { AuthenticationSchemes = SessionAuthentication.SchemeName };

    public static RouteGroupBuilder MapSignIn(this RouteGroupBuilder auth)
    {
        auth.WithTags("Sign-in");

        auth.MapPost("/session", SignIn)
            .WithName(nameof(SignIn))
            .WithSummary("Sign in with email and password")
            .WithDescription($"Sets the session cookie `{Sessions.CookieName}` (HttpOnly, SameSite=Strict, Secure over HTTPS) and answers the account with "
                + $"the csrfToken that every POST, PUT, PATCH and DELETE with the cookie must send as `{SessionAuthentication.CsrfHeader}`. A wrong email "
                + $"and a wrong password get the same 401. After {SignInLockout.PerEmail} failures for one email (or {SignInLockout.PerAddress} from one "
                + $"address) within {SignInLockout.Window.TotalMinutes} minutes, sign-in is refused with a 429 and Retry-After, even with the right password. "
                + $"A session ends after {Sessions.IdleLimit.TotalHours} hours without a request and {Sessions.Lifetime.TotalDays} days after sign-in.")
            .WithRequestExample("""{"email": "sara@example.org", "password": "correct horse battery staple"}""")
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        auth.MapGet("/session", GetSession)
            .WithName(nameof(GetSession))
            .WithSummary("The signed-in person and the CSRF token")
            .WithDescription("The account of the session cookie, with its csrfToken (a reloaded page asks here). 401 without a live session.")
            .RequireAuthorization(SessionOnly)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        auth.MapDelete("/session", SignOut)
            .WithName(nameof(SignOut))
            .WithSummary("Sign out")
            .WithDescription($"Ends this session and clears its cookie. Needs the `{SessionAuthentication.CsrfHeader}` header.")
            .RequireAuthorization(SessionOnly)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        auth.MapDelete("/sessions", SignOutEverywhere)
            .WithName(nameof(SignOutEverywhere))
            .WithSummary("Sign out everywhere")
            .WithDescription($"Ends every session of the signed-in person, in every browser, and clears this cookie. Needs the `{SessionAuthentication.CsrfHeader}` header.")
            .RequireAuthorization(SessionOnly)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        auth.MapGet("/invitations/{token}", GetInvitation)
            .WithName(nameof(GetInvitation))
            .WithSummary("Who an invitation is for")
            .WithDescription("The email, name, role and editions of the account an invitation link sets up. 404 when the link is unknown, used, replaced or older than 7 days. "
                + "The first admin's link (printed at start-up while no account exists) has no email or name yet: accepting it gives them.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        auth.MapPost("/invitations/{token}", AcceptInvitation)
            .WithName(nameof(AcceptInvitation))
            .WithSummary("Accept an invitation: set a password and sign in")
            .WithDescription($"Sets the account's password (at least {Passwords.MinimumLength} characters) and, if given, its display name; the link then stops "
                + "working, the person's other sessions end, and the answer is that of a sign-in (with the session cookie). The first admin's link also needs email and displayName.")
            .WithRequestExample("""{"password": "correct horse battery staple", "displayName": "Sara Ahmadi"}""")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return auth;
    }

    public static Task<Results<Ok<SignedIn>, ProblemHttpResult, ValidationProblem>> SignIn(
        Body<SignInRequest> body, NpgsqlDataSource db, TimeProvider clock, HttpContext http, CancellationToken ct) =>
        SignInFlow.SignInAsync(body.Value, db, clock, http, ct);

    public static Task<Results<Ok<SignedIn>, ProblemHttpResult>> GetSession(EditorKey caller, NpgsqlDataSource db, HttpContext http, CancellationToken ct) =>
        SignInFlow.CurrentAsync(caller, db, http, ct);

    public static Task<NoContent> SignOut(EditorKey caller, NpgsqlDataSource db, HttpContext http, CancellationToken ct) =>
        SignInFlow.SignOutAsync(caller, everywhere: false, db, http, ct);

    public static Task<NoContent> SignOutEverywhere(EditorKey caller, NpgsqlDataSource db, HttpContext http, CancellationToken ct) =>
        SignInFlow.SignOutAsync(caller, everywhere: true, db, http, ct);

    public static Task<Results<Ok<InvitationInfo>, ProblemHttpResult>> GetInvitation(
        [Description("The token of the invitation link (/admin/#/invitation/<token>).")] string token, NpgsqlDataSource db, CancellationToken ct) =>
        SignInFlow.InvitationAsync(token, db, ct);

    public static Task<Results<Ok<SignedIn>, ProblemHttpResult, ValidationProblem>> AcceptInvitation(
        [Description("The token of the invitation link (/admin/#/invitation/<token>).")] string token,
        Body<AcceptInvitationRequest> body, NpgsqlDataSource db, HttpContext http, CancellationToken ct) =>
        SignInFlow.AcceptAsync(token, body.Value, db, http, ct);
}
