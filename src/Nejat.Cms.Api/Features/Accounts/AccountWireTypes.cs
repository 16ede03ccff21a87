using System.ComponentModel.DataAnnotations;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Features.Accounts;

/// <summary>A person who signs in: the same role and edition scope as an API key.</summary>
public sealed record Account
{
    public long Id { get; init; }
    public string Email { get; init; } = "";
    public string DisplayName { get; init; } = "";
    [AllowedValues(Roles.Admin, Roles.Editor, Roles.Author, Roles.Previewer)]
    public string Role { get; init; } = "";
    /// <summary>The editions the person may touch; null for all.</summary>
    public string[]? Editions { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? LastSignInAt { get; init; }
    /// <summary>A disabled account cannot sign in and has no sessions.</summary>
    public bool Disabled { get; init; }
}

/// <summary>The signed-in person, and the token every unsafe request with the session cookie sends as X-CSRF-Token.</summary>
public sealed record SignedIn(Account Account, string CsrfToken);

public sealed record SignInRequest(string? Email, string? Password);

/// <summary>
/// Who an invitation is for, shown before the person chooses a password. The first admin's invitation
/// (printed at start-up) is for nobody yet: email and displayName are null, and accepting it needs both.
/// </summary>
public sealed record InvitationInfo
{
    public string? Email { get; init; }
    public string? DisplayName { get; init; }
    [AllowedValues(Roles.Admin, Roles.Editor, Roles.Author, Roles.Previewer)]
    public string Role { get; init; } = "";
    public string[]? Editions { get; init; }
}

/// <summary>Accepting an invitation: the password to set, optionally another display name; the email only for the first admin's.</summary>
public sealed record AcceptInvitationRequest(string? Password, string? DisplayName, string? Email = null);

public sealed record CreateAccountRequest(string? Email, string? DisplayName, string? Role, string[]? Editions);

/// <summary>What an admin may change of an account (a merge patch of it).</summary>
public sealed record AccountChange(string? DisplayName, string? Role, string[]? Editions, bool Disabled);

/// <summary>A new account and the one-time link with which the person sets a password (valid for 7 days).</summary>
public sealed record CreatedAccount(Account Account, string InvitationUrl);

public sealed record InvitationLink(string InvitationUrl);
