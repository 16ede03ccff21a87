using Dapper;
using Nejat.Cms.Api.Features.Editorial;
using Npgsql;

namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>
/// One-time links with which a person sets their password: valid for 7 days, used once, and a new
/// link for an account replaces the old. Only the token's hash is stored. The first admin's link has
/// no account yet and works only while no account exists.
/// </summary>
internal static class Invitations
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private const string ReplaceSql = """
        DELETE FROM invitations WHERE account_id IS NOT DISTINCT FROM @AccountId;
        INSERT INTO invitations (account_id, token_hash, expires_at) VALUES (@AccountId, @Hash, now() + @Lifetime);
        """;

    // A disabled account's invitation does not work either.
    private const string FindSql = $"""
        SELECT a.id AS account_id, a.email, a.display_name, coalesce(a.role, '{Roles.Admin}') AS role, a.editions
        FROM invitations i LEFT JOIN accounts a ON a.id = i.account_id
        WHERE i.token_hash = @Hash AND i.used_at IS NULL AND i.expires_at > now()
          AND (i.account_id IS NULL AND NOT EXISTS (SELECT 1 FROM accounts) OR NOT a.disabled)
        """;

    /// <summary>A new link's token for the account (null: the first admin); earlier links for it stop working.</summary>
    public static async Task<string> ReplaceAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long? accountId, CancellationToken ct)
    {
        var token = SecretTokens.New();
        await conn.ExecuteAsync(new CommandDefinition(ReplaceSql, new { AccountId = accountId, Hash = SecretTokens.Hash(token), Lifetime }, tx, cancellationToken: ct));
        return token;
    }

    /// <summary>The live (unused, unexpired) invitation with this token; null otherwise. In a transaction, locked: two acceptances take turns.</summary>
    public static Task<InvitationRow?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string token, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<InvitationRow>(new CommandDefinition(
            tx is null ? FindSql : FindSql + " FOR UPDATE OF i", new { Hash = SecretTokens.Hash(token) }, tx, cancellationToken: ct));

    public static Task MarkUsedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string token, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            "UPDATE invitations SET used_at = now() WHERE token_hash = @Hash", new { Hash = SecretTokens.Hash(token) }, tx, cancellationToken: ct));

    /// <summary>The address a person opens to accept: the desk's invitation page under <paramref name="baseUrl"/>.</summary>
    public static string Url(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/admin/#/invitation/{token}";

    /// <summary>
    /// At start-up, before the server answers: when no account exists, a fresh first-admin token (earlier
    /// links stop working); null when there are accounts. Made before the server starts so nothing that
    /// talks to the started server can see it replaced afterwards.
    /// </summary>
    public static async Task<string?> NewFirstAdminTokenAsync(NpgsqlDataSource db, CancellationToken ct = default)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return await AccountStore.AnyAsync(conn, ct) ? null : await ReplaceAsync(conn, null, null, ct);
    }

    /// <summary>The start-up line that shows the first admin's link.</summary>
    public static string FirstAdminLine(string baseUrl, string token) =>
        $"No editor accounts yet: open {Url(baseUrl, token)} within {Lifetime.TotalDays} days to create the first admin (or run `accounts create`, see --help).";
}
