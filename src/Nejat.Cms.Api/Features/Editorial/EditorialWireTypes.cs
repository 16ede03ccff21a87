using System.ComponentModel.DataAnnotations;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>An API key as lists show it: never the key itself.</summary>
public sealed record ApiKeyInfo
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    [AllowedValues(Roles.Admin, Roles.Editor, Roles.Author, Roles.Previewer)]
    public string Role { get; init; } = "";
    /// <summary>The editions the key may touch; null for all.</summary>
    public string[]? Editions { get; init; }
    /// <summary>The key's first characters.</summary>
    public string Prefix { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTime? LastUsedAt { get; init; }
    public DateTime? RevokedAt { get; init; }
}

/// <summary>A new key: <see cref="Key"/> is shown this once and never stored.</summary>
public sealed record CreatedApiKey(string Key, ApiKeyInfo Info);

public sealed record CreateApiKeyRequest(string? Name, string? Role, string[]? Editions);

/// <summary>An audit entry; <see cref="KeyName"/> is the actor's name (kept for older clients).</summary>
public sealed record AuditEntry(long Id, DateTime At, string KeyName, string Action, string Resource, string? RequestId, AuditActor Actor);

/// <summary>
/// Who made a change: an API key, a signed-in person (account), or the service itself (the scheduler, an
/// import), with the name it had then. The id is null for the service.
/// </summary>
public sealed record AuditActor([property: AllowedValues("key", "account", "service")] string Kind, long? Id, string Name);
