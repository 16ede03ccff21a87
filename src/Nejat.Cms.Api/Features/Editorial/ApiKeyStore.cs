using Dapper;
using Mapster;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>The api_keys table: keys are created, listed and revoked here, never stored in the clear.</summary>
internal static class ApiKeyStore
{
    // Bootstrapping and revoking keys take this transaction-level advisory lock, one at a time.
    private const long KeyChangeLock = 0x4E656A6174_02; // "Nejat" + 2

    private const string Columns = "id, name, role, editions, prefix, created_at, created_by, last_used_at, revoked_at";

    private const string ListSql = $"SELECT {Columns} FROM api_keys ORDER BY revoked_at IS NOT NULL, id";

    private const string InsertSql = $"""
        INSERT INTO api_keys (name, role, editions, prefix, secret_hash, created_by)
        VALUES (@Name, @Role, @Editions, @Prefix, @Hash, @CreatedBy)
        RETURNING {Columns}
        """;

    // Keeps at least one working admin key, so nobody locks the publisher out of its own CMS.
    private const string RevokeSql = $"""
        UPDATE api_keys SET revoked_at = now()
        WHERE id = @Id AND revoked_at IS NULL
          AND (role <> 'admin' OR EXISTS (SELECT 1 FROM api_keys o WHERE o.role = 'admin' AND o.revoked_at IS NULL AND o.id <> @Id))
        RETURNING {Columns}
        """;

    private const string GetSql = $"SELECT {Columns} FROM api_keys WHERE id = @Id";

    /// <summary>Every key, active ones first.</summary>
    public static async Task<ApiKeyRow[]> ListAsync(NpgsqlConnection conn, CancellationToken ct) =>
        (await conn.QueryAsync<ApiKeyRow>(new CommandDefinition(ListSql, cancellationToken: ct))).ToArray();

    /// <summary>The key with <paramref name="id"/>, read once <paramref name="tx"/> may revoke keys; null when there is none.</summary>
    public static async Task<ApiKeyRow?> LockForRevocationAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct)
    {
        // Taken before the read, so its snapshot sees the other's commit: two admins revoking each other
        // cannot both succeed.
        await LockKeyChangesAsync(conn, tx, ct);
        return await conn.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition(GetSql, new { Id = id }, tx, cancellationToken: ct));
    }

    /// <summary>The key revoked; null when it already was, or is the last active admin key.</summary>
    public static Task<ApiKeyRow?> RevokeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<ApiKeyRow>(new CommandDefinition(RevokeSql, new { Id = id }, tx, cancellationToken: ct));

    /// <summary>The problems with a key request, by field; empty when it is good.</summary>
    public static async Task<Dictionary<string, string[]>> ValidateAsync(NpgsqlConnection conn, CreateApiKeyRequest request, CancellationToken ct)
    {
        var errors = await Scopes.ValidateAsync(conn, request.Role, request.Editions, ct);
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 100)
        {
            errors["name"] = ["name is required, at most 100 characters."];
        }

        return errors;
    }

    /// <summary>Stores a key (a new random one unless <paramref name="key"/> is given) and returns it with its row.</summary>
    public static async Task<CreatedApiKey> CreateAsync(
        NpgsqlConnection conn, NpgsqlTransaction? tx, CreateApiKeyRequest request, string createdBy, CancellationToken ct, string? key = null)
    {
        key ??= ApiKeySecrets.NewKey();
        var row = await conn.QuerySingleAsync<ApiKeyRow>(new CommandDefinition(InsertSql, new
        {
            request.Name,
            request.Role,
            Editions = request.Editions?.Distinct(StringComparer.Ordinal).ToArray(),
            Prefix = ApiKeySecrets.Display(key),
            Hash = ApiKeySecrets.Hash(key),
            CreatedBy = createdBy,
        }, tx, cancellationToken: ct));
        return new CreatedApiKey(key, row.Adapt<ApiKeyInfo>(Mappings.Config));
    }

    /// <summary>
    /// Cms__BootstrapAdminKey: makes that key an admin key when no active admin key exists. Instances
    /// starting together serialise on a transaction-level advisory lock, so only one inserts it.
    /// </summary>
    public static async Task<bool> BootstrapAsync(string connectionString, string key, CancellationToken ct = default)
    {
        if (key.Length < ApiKeySecrets.MinimumLength)
        {
            throw new InvalidOperationException(
                $"Cms__BootstrapAdminKey must be at least {ApiKeySecrets.MinimumLength} characters; a random one: {ApiKeySecrets.NewKey()}");
        }

        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await conn.OpenAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await LockKeyChangesAsync(conn, tx, ct);
        var hasAdmin = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM api_keys WHERE role = 'admin' AND revoked_at IS NULL)", transaction: tx, cancellationToken: ct));
        var known = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM api_keys WHERE secret_hash = @Hash)", new { Hash = ApiKeySecrets.Hash(key) }, tx, cancellationToken: ct));
        if (hasAdmin || known)
        {
            // A revoked key stays revoked: bootstrapping cannot bring it back.
            return false;
        }

        await CreateAsync(conn, tx, new CreateApiKeyRequest("bootstrap admin", Roles.Admin, null), "Cms__BootstrapAdminKey", ct, key);
        await tx.CommitAsync(ct);
        return true;
    }

    private static async Task LockKeyChangesAsync(NpgsqlConnection conn, NpgsqlTransaction tx, CancellationToken ct) =>
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@Key)", new { Key = KeyChangeLock }, tx, cancellationToken: ct));
}
