using System.Text.Encodings.Web;
using Dapper;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary><c>Authorization: Bearer &lt;api key&gt;</c> on the admin API.</summary>
internal sealed class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, NpgsqlDataSource db)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private const string FindSql = """
        SELECT id, name, role, editions, secret_hash
        FROM api_keys
        WHERE secret_hash = @Hash AND revoked_at IS NULL
        """;

    // last_used_at is minute-grained, so a busy key costs one write a minute, not one per request.
    private const string TouchSql = """
        UPDATE api_keys SET last_used_at = now()
        WHERE id = @Id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')
        """;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || header.Length <= 7)
        {
            return AuthenticateResult.Fail("The Authorization header must be `Bearer <api key>`.");
        }

        var key = header[7..].Trim();
        await using var conn = await db.OpenConnectionAsync(Context.RequestAborted);
        // The row is found by the hash (an attacker learns nothing from that lookup's timing, since
        // they cannot choose hashes), and the stored hash is then compared in constant time.
        var row = await conn.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            FindSql, new { Hash = ApiKeySecrets.Hash(key) }, cancellationToken: Context.RequestAborted));
        if (row is null || !ApiKeySecrets.Matches(key, row.SecretHash))
        {
            return AuthenticateResult.Fail("The API key is unknown or revoked.");
        }

        await conn.ExecuteAsync(new CommandDefinition(TouchSql, new { row.Id }, cancellationToken: Context.RequestAborted));
        var editorKey = new EditorKey(row.Id, row.Name, row.Role, row.Editions);
        return AuthenticateResult.Success(new AuthenticationTicket(editorKey.ToPrincipal(SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = failure is null
            ? "Bearer realm=\"nejat-cms\""
            : "Bearer realm=\"nejat-cms\", error=\"invalid_token\"";
        await WriteProblemAsync(StatusCodes.Status401Unauthorized, EditorialProblems.KeyRequiredTitle,
            failure ?? "The admin API needs an API key (send `Authorization: Bearer <api key>`) or a signed-in session (POST /v1/auth/session).");
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        WriteProblemAsync(StatusCodes.Status403Forbidden, EditorialProblems.ForbiddenTitle, "This API key may not do this.");

    private Task WriteProblemAsync(int status, string title, string detail) => Hosting.ProblemJsonWriter.WriteProblemAsync(Context, status, title, detail);

    // Properties, not a positional record: Dapper matches constructors by exact column type, and
    // Npgsql reports text[] as System.Array.
    private sealed record KeyRow
    {
        public long Id { get; init; }
        public string Name { get; init; } = "";
        public string Role { get; init; } = "";
        public string[]? Editions { get; init; }
        public byte[] SecretHash { get; init; } = [];
    }
}
