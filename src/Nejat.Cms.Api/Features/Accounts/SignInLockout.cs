using Dapper;
using Npgsql;

namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>
/// Locks sign-in after too many failures within a window: per email (whether or not it has an account,
/// so a lockout says nothing about which do) and per client address (one client trying many emails).
/// While locked, even the right password is refused with a 429 and Retry-After.
/// </summary>
internal static class SignInLockout
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    public const int PerEmail = 5;
    public const int PerAddress = 20;

    private const string RecentSql = """
        SELECT at FROM sign_in_failures WHERE email = @Email AND at > @Since ORDER BY at DESC LIMIT @PerEmail;
        SELECT at FROM sign_in_failures WHERE client_address = @Address AND at > @Since ORDER BY at DESC LIMIT @PerAddress;
        """;

    // Old failures no longer count; they are removed as new ones come in.
    private const string RecordSql = """
        DELETE FROM sign_in_failures WHERE at < @Since;
        INSERT INTO sign_in_failures (at, email, client_address) VALUES (@Now, @Email, @Address);
        """;

    /// <summary>
    /// How long until the lock lifts, given the newest failures first (at most <paramref name="limit"/>):
    /// the lock lifts when the oldest of the last <paramref name="limit"/> failures leaves the window.
    /// Null when there are fewer than that within the window.
    /// </summary>
    public static TimeSpan? RetryAfter(IReadOnlyList<DateTime> newestFirst, int limit, DateTime now)
    {
        var recent = newestFirst.Where(at => at > now - Window).Take(limit).ToArray();
        return recent.Length < limit ? null : recent[^1] + Window - now;
    }

    /// <summary>How long this email or client address must wait before trying again; null when it may try now.</summary>
    public static async Task<TimeSpan?> LockedForAsync(NpgsqlConnection conn, string email, string address, DateTime now, CancellationToken ct)
    {
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition(
            RecentSql, new { Email = email, Address = address, Since = now - Window, PerEmail, PerAddress }, cancellationToken: ct));
        var byEmail = RetryAfter((await results.ReadAsync<DateTime>()).ToArray(), PerEmail, now);
        var byAddress = RetryAfter((await results.ReadAsync<DateTime>()).ToArray(), PerAddress, now);
        return byEmail > byAddress || byAddress is null ? byEmail : byAddress;
    }

    /// <summary>A successful sign-in forgets the email's failures: a person's typos do not add up over the day.</summary>
    public static Task ForgetAsync(NpgsqlConnection conn, string email, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("DELETE FROM sign_in_failures WHERE email = @Email", new { Email = email }, cancellationToken: ct));

    public static Task RecordFailureAsync(NpgsqlConnection conn, string email, string address, DateTime now, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(RecordSql, new { Email = email, Address = address, Now = now, Since = now - Window }, cancellationToken: ct));
}
