using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editorial;
using Npgsql;

namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>
/// The <c>nejat_session</c> cookie of a signed-in person. Its principal is the same
/// <see cref="EditorKey"/> a key of the person's role and editions gives, so every admin route checks a
/// person exactly as it checks a key. A browser sends the cookie by itself, so every unsafe request
/// with it must also carry the session's CSRF token in <c>X-CSRF-Token</c> (a 403 otherwise).
/// </summary>
internal sealed class SessionAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, NpgsqlDataSource db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = Hosting.OpenApiHttp.SessionScheme;
    public const string CsrfHeader = Hosting.OpenApiHttp.CsrfHeader;

    private const string SessionIdClaim = "nejat:session-id";
    private const string CsrfRefused = "csrf";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Request.Cookies[Sessions.CookieName] is not { Length: > 0 } token)
        {
            return AuthenticateResult.NoResult();
        }

        await using var conn = await db.OpenConnectionAsync(Context.RequestAborted);
        if (await Sessions.FindAsync(conn, token, Context.RequestAborted) is not { } session)
        {
            return AuthenticateResult.Fail("The session has ended or expired: sign in again (POST /v1/auth/session).");
        }

        if (!IsSafe(Request.Method) && !SecretTokens.CsrfMatches(token, Request.Headers[CsrfHeader]))
        {
            var problem = Request.Headers[CsrfHeader].Count == 0 ? "carries no" : "carries a wrong";
            return AuthenticateResult.Fail(new CsrfException(
                $"This {Request.Method} with the session cookie {problem} {CsrfHeader} header: send the csrfToken of the session's answer (GET /v1/auth/session)."));
        }

        var caller = new EditorKey(session.Id, session.DisplayName, session.Role, session.Editions, CallerKind.Account);
        var principal = caller.ToPrincipal(SchemeName);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(SessionIdClaim, session.SessionId.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure;
        if (failure is CsrfException)
        {
            await WriteProblemAsync(StatusCodes.Status403Forbidden, "CSRF token required", failure.Message);
            return;
        }

        await WriteProblemAsync(StatusCodes.Status401Unauthorized, AccountProblems.SignInRequiredTitle,
            failure?.Message ?? "This needs a signed-in session (POST /v1/auth/session) or, for the admin API, an API key (`Authorization: Bearer <api key>`).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, EditorialProblems.ForbiddenTitle, "This account may not do this.");

    /// <summary>The session behind a request this scheme authenticated (its id and the token its answers show).</summary>
    public static (long Id, string CsrfToken) SessionOf(HttpContext http) =>
        (long.Parse(http.User.FindFirstValue(SessionIdClaim)!, System.Globalization.CultureInfo.InvariantCulture),
         SecretTokens.CsrfToken(http.Request.Cookies[Sessions.CookieName]!));

    private static bool IsSafe(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method);

    private Task WriteProblemAsync(int status, string title, string detail) => Hosting.ProblemJsonWriter.WriteProblemAsync(Context, status, title, detail);

    /// <summary>A live session whose unsafe request lacks the CSRF token: answered 403, not 401 (signing in again would not help).</summary>
    private sealed class CsrfException(string message) : Exception(message);
}
