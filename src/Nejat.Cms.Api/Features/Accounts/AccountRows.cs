namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>
/// A row of accounts. Properties, not a positional record: Dapper matches constructors by exact column
/// type, and Npgsql reports text[] as System.Array.
/// </summary>
internal sealed record AccountRow
{
    public long Id { get; init; }
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    public string Role { get; init; } = "";
    public string[]? Editions { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? LastSignInAt { get; init; }
    public bool Disabled { get; init; }
}

/// <summary>An account with its password hash, read only to sign in.</summary>
internal sealed record AccountSecretRow
{
    public long Id { get; init; }
    public string? PasswordHash { get; init; }
    public bool Disabled { get; init; }
}

/// <summary>A live invitation and its account; the account's members are null for the first admin's invitation.</summary>
internal sealed record InvitationRow
{
    public long? AccountId { get; init; }
    public string? Email { get; init; }
    public string? DisplayName { get; init; }
    public string Role { get; init; } = "";
    public string[]? Editions { get; init; }
}
