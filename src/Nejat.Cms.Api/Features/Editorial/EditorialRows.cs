namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>
/// A row of api_keys without its hash. Properties, not a positional record: Dapper matches
/// constructors by exact column type, and Npgsql reports text[] as System.Array.
/// </summary>
internal sealed record ApiKeyRow
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Role { get; init; } = "";
    public string[]? Editions { get; init; }
    public string Prefix { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public string CreatedBy { get; init; } = "";
    public DateTime? LastUsedAt { get; init; }
    public DateTime? RevokedAt { get; init; }
}

internal sealed record AuditEntryRow(long Id, DateTime At, string KeyName, string Action, string Resource, string? RequestId, long? KeyId, long? AccountId);
