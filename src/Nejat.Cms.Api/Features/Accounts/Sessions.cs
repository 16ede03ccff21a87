using Dapper;
using Npgsql;

namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>
/// Signed-in browsers. A session slides: it ends after <see cref="IdleLimit"/> without a request, and at
/// the latest <see cref="Lifetime"/> after sign-in. Only the SHA-256 of its cookie's token is stored.
/// </summary>
internal static class Sessions
{
    public const string CookieName = Hosting.OpenApiHttp.SessionCookie;
    public static readonly TimeSpan IdleLimit = TimeSpan.FromHours(12);
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(14);

    private const string InsertSql = """
        DELETE FROM sessions WHERE account_id = @AccountId AND (last_seen_at < now() - @IdleLimit OR created_at < now() - @Lifetime);
        INSERT INTO sessions (account_id, token_hash, client_address, user_agent) VALUES (@AccountId, @Hash, @Address, @UserAgent);
        """;

    private const string FindSql = """
        SELECT s.id AS session_id, a.id, a.display_name, a.role, a.editions
        FROM sessions s JOIN accounts a ON a.id = s.account_id
        WHERE s.token_hash = @Hash AND NOT a.disabled
          AND s.last_seen_at > now() - @IdleLimit AND s.created_at > now() - @Lifetime
        """;

    // last_seen_at is minute-grained, so a busy session costs one write a minute, not one per request.
    private const string TouchSql = """
        UPDATE sessions SET last_seen_at = now()
        WHERE id = @Id AND last_seen_at < now() - interval '1 minute'
        """;

    /// <summary>A live session's account, as its cookie's token finds it.</summary>
    // Properties, not a positional record: Dapper matches constructors by exact column type, and Npgsql reports text[] as System.Array.
    internal sealed record SessionRow
    {
        public long SessionId { get; init; }
        public long Id { get; init; }
        public string DisplayName { get; init; } = "";
        public string Role { get; init; } = "";
        public string[]? Editions { get; init; }
    }

    /// <summary>A new session's token for the account (and its expired sessions removed).</summary>
    public static async Task<string> StartAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long accountId, HttpContext http, CancellationToken ct)
    {
        var token = SecretTokens.New();
        await conn.ExecuteAsync(new CommandDefinition(InsertSql, new
        {
            AccountId = accountId,
            Hash = SecretTokens.Hash(token),
            Address = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = http.Request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent[..Math.Min(agent.Length, 300)] : null,
            IdleLimit,
            Lifetime,
        }, tx, cancellationToken: ct));
        return token;
    }

    /// <summary>The live session with this token, its last-seen time moved on; null when it is unknown, ended or expired.</summary>
    public static async Task<SessionRow?> FindAsync(NpgsqlConnection conn, string token, CancellationToken ct)
    {
        var row = await conn.QuerySingleOrDefaultAsync<SessionRow>(new CommandDefinition(
            FindSql, new { Hash = SecretTokens.Hash(token), IdleLimit, Lifetime }, cancellationToken: ct));
        if (row is not null)
        {
            await conn.ExecuteAsync(new CommandDefinition(TouchSql, new { Id = row.SessionId }, cancellationToken: ct));
        }

        return row;
    }

    public static Task EndAsync(NpgsqlConnection conn, long sessionId, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("DELETE FROM sessions WHERE id = @Id", new { Id = sessionId }, cancellationToken: ct));

    /// <summary>Ends every session of the account: sign-out everywhere, a disabled or removed account.</summary>
    public static Task EndAllAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long accountId, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("DELETE FROM sessions WHERE account_id = @AccountId", new { AccountId = accountId }, tx, cancellationToken: ct));

    /// <summary>The session cookie: HttpOnly (no script reads it), SameSite=Strict (no other site's page sends it), Secure over HTTPS.</summary>
    public static CookieOptions CookieOptions(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = "/",
        IsEssential = true,
        MaxAge = Lifetime,
    };
}
