using Microsoft.AspNetCore.Identity;

namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>
/// Passwords are hashed by ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/> (PBKDF2-HMAC-SHA512,
/// 100 000 iterations, a random salt, a versioned format that says when a hash is due for the current
/// parameters). It ships with ASP.NET Core, so no extra package, and Microsoft keeps its parameters current.
/// </summary>
internal static class Passwords
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 1000;

    private static readonly PasswordHasher<AccountRow> Hasher = new();

    // Verified when there is no account or no password yet, so an unknown email takes as long as a wrong password.
    private static readonly string Dummy = Hasher.HashPassword(null!, "no account has this password " + SecretTokens.New());

    /// <summary>What is wrong with a new password, or null when it will do.</summary>
    public static string? Problem(string? password) =>
        string.IsNullOrEmpty(password) || password.Length < MinimumLength
            ? $"password must be at least {MinimumLength} characters (a few words make a good one)."
            : password.Length > MaximumLength ? $"password must be at most {MaximumLength} characters."
            : string.IsNullOrWhiteSpace(password) ? "password must not be only spaces."
            : null;

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>Whether <paramref name="password"/> matches <paramref name="hash"/> (none: never, taking as long), and whether to store a fresh hash.</summary>
    public static (bool Matches, bool Rehash) Verify(string? hash, string password)
    {
        var result = Hasher.VerifyHashedPassword(null!, hash ?? Dummy, password);
        return hash is null ? (false, false) : (result != PasswordVerificationResult.Failed, result == PasswordVerificationResult.SuccessRehashNeeded);
    }
}
