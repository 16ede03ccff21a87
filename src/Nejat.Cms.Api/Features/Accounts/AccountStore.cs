using Dapper;
using Nejat.Cms.Api.Features.Editorial;
using Npgsql;

namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>The accounts table: people are created, listed, changed and removed here; passwords only as hashes.</summary>
internal static class AccountStore
{
    private const string Columns = "id, email, display_name, role, editions, created_at, last_sign_in_at, disabled";

    // An admin of some editions sees and manages the accounts of no more than its editions (@Scope); null: all.
    private const string ListSql = $"""
        SELECT count(*) FROM accounts WHERE @Scope::text[] IS NULL OR editions <@ @Scope;
        SELECT {Columns} FROM accounts WHERE @Scope::text[] IS NULL OR editions <@ @Scope
        ORDER BY id LIMIT @Limit OFFSET @Offset;
        """;

    private const string AllSql = $"SELECT {Columns} FROM accounts ORDER BY id";

    private const string GetSql = $"SELECT {Columns} FROM accounts WHERE id = @Id";

    private const string InsertSql = $"""
        INSERT INTO accounts (email, display_name, role, editions, created_by)
        VALUES (@Email, @DisplayName, @Role, @Editions, @CreatedBy)
        ON CONFLICT DO NOTHING
        RETURNING {Columns}
        """;

    private const string UpdateSql = $"""
        UPDATE accounts SET display_name = @DisplayName, role = @Role, editions = @Editions, disabled = @Disabled
        WHERE id = @Id
        RETURNING {Columns}
        """;

    private const string SecretSql = "SELECT id, password_hash, disabled FROM accounts WHERE lower(email) = @Email";

    public static async Task<Hosting.ListEnvelope<AccountRow>> ListAsync(
        NpgsqlConnection conn, EditorKey admin, Hosting.PageRequest page, HttpRequest request, CancellationToken ct) =>
        await Hosting.ListEnvelope.ReadAsync<AccountRow>(conn, ListSql, new { Scope = admin.Editions }, page, request, ct);

    public static async Task<AccountRow[]> ListAllAsync(NpgsqlConnection conn, CancellationToken ct) =>
        (await conn.QueryAsync<AccountRow>(new CommandDefinition(AllSql, cancellationToken: ct))).ToArray();

    public static Task<AccountRow?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(GetSql, new { Id = id }, tx, cancellationToken: ct));

    public static Task<bool> AnyAsync(NpgsqlConnection conn, CancellationToken ct) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM accounts)", cancellationToken: ct));

    /// <summary>The account signing in with <paramref name="email"/> (already lower-cased), with its password hash; null when there is none.</summary>
    public static Task<AccountSecretRow?> FindForSignInAsync(NpgsqlConnection conn, string email, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<AccountSecretRow>(new CommandDefinition(SecretSql, new { Email = email }, cancellationToken: ct));

    /// <summary>The new account; null when its email is taken.</summary>
    public static Task<AccountRow?> CreateAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, CreateAccountRequest request, string createdBy, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(InsertSql, new
        {
            Email = request.Email!.Trim(),
            DisplayName = request.DisplayName!.Trim(),
            request.Role,
            Editions = request.Editions?.Distinct(StringComparer.Ordinal).ToArray(),
            CreatedBy = createdBy,
        }, tx, cancellationToken: ct));

    public static Task<AccountRow> UpdateAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, AccountChange change, CancellationToken ct) =>
        conn.QuerySingleAsync<AccountRow>(new CommandDefinition(UpdateSql, new
        {
            Id = id,
            DisplayName = change.DisplayName!.Trim(),
            change.Role,
            Editions = change.Editions?.Distinct(StringComparer.Ordinal).ToArray(),
            change.Disabled,
        }, tx, cancellationToken: ct));

    public static Task DeleteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("DELETE FROM accounts WHERE id = @Id", new { Id = id }, tx, cancellationToken: ct));

    public static Task SetPasswordAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, string passwordHash, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET password_hash = @Hash WHERE id = @Id", new { Id = id, Hash = passwordHash }, tx, cancellationToken: ct));

    public static Task SetDisplayNameAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, string displayName, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            "UPDATE accounts SET display_name = @DisplayName WHERE id = @Id", new { Id = id, DisplayName = displayName.Trim() }, tx, cancellationToken: ct));

    public static Task MarkSignedInAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("UPDATE accounts SET last_sign_in_at = now() WHERE id = @Id", new { Id = id }, tx, cancellationToken: ct));

    /// <summary>The problems with a new account, by field; empty when it is good.</summary>
    public static async Task<Dictionary<string, string[]>> ValidateAsync(NpgsqlConnection conn, CreateAccountRequest request, CancellationToken ct)
    {
        var errors = await Scopes.ValidateAsync(conn, request.Role, request.Editions, ct);
        if (request.Email?.Trim() is not { Length: >= 3 and <= 254 } email || email.IndexOf('@', StringComparison.Ordinal) is <= 0 || email.EndsWith('@') || email.Any(char.IsWhiteSpace))
        {
            errors["email"] = ["email is required: an address such as name@example.org, at most 254 characters."];
        }

        if (DisplayNameProblem(request.DisplayName) is { } problem)
        {
            errors["displayName"] = [problem];
        }

        return errors;
    }

    public static string? DisplayNameProblem(string? displayName) =>
        string.IsNullOrWhiteSpace(displayName) || displayName.Trim().Length > 100 ? "displayName is required, at most 100 characters." : null;

    /// <summary>Emails are compared without regard to case (the unique index is on lower(email)).</summary>
    public static string Normalise(string email) => email.Trim().ToLowerInvariant();
}
