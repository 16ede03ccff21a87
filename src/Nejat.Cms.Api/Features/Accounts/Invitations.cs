using Dapper;
using Npgsql;

namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>
/// One-time links with which a person sets their password: valid for 7 days, used once, and a new
/// link for an account replaces the old. Only the token's hash is stored.
/// </summary>
internal static class Invitations
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromDays(7);

    private const string ReplaceSql = """
        DELETE FROM invitations WHERE account_id = @AccountId;
        INSERT INTO invitations (account_id, token_hash, expires_at) VALUES (@AccountId, @Hash, now() + @Lifetime);
        """;

    // A disabled account's invitation does not work either; FOR UPDATE makes two acceptances of one link take turns.
    private const string FindSql = """
        SELECT a.id, a.email, a.display_name, a.role, a.editions, a.created_at, a.last_sign_in_at, a.disabled
        FROM invitations i JOIN accounts a ON a.id = i.account_id
        WHERE i.token_hash = @Hash AND i.used_at IS NULL AND i.expires_at > now() AND NOT a.disabled
        """;

    /// <summary>A new link's token for the account; earlier links stop working.</summary>
    public static async Task<string> ReplaceAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long accountId, CancellationToken ct)
    {
        var token = SecretTokens.New();
        await conn.ExecuteAsync(new CommandDefinition(ReplaceSql, new { AccountId = accountId, Hash = SecretTokens.Hash(token), Lifetime }, tx, cancellationToken: ct));
        return token;
    }

    /// <summary>The account a valid (unused, unexpired) invitation is for; null otherwise.</summary>
    public static Task<AccountRow?> FindAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string token, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            tx is null ? FindSql : FindSql + " FOR UPDATE OF i", new { Hash = SecretTokens.Hash(token) }, tx, cancellationToken: ct));

    public static Task MarkUsedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string token, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            "UPDATE invitations SET used_at = now() WHERE token_hash = @Hash", new { Hash = SecretTokens.Hash(token) }, tx, cancellationToken: ct));

    /// <summary>The address a person opens to accept: the desk's invitation page under <paramref name="baseUrl"/>.</summary>
    public static string Url(string baseUrl, string token) => $"{baseUrl.TrimEnd('/')}/admin/#/invitation/{token}";
}
