using Dapper;
using Npgsql;

namespace Nejat.Cms.Api.Features.Editorial;

/// <summary>What a key or an account may do: a role and the editions (null: all). Both are checked here.</summary>
internal static class Scopes
{
    /// <summary>The problems with a role and editions, by field (role, editions); empty when they are good.</summary>
    public static async Task<Dictionary<string, string[]>> ValidateAsync(NpgsqlConnection conn, string? role, string[]? editions, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (role is null || !Roles.All.Contains(role, StringComparer.Ordinal))
        {
            errors["role"] = [$"role must be one of {string.Join(", ", Roles.All)}."];
        }

        if (editions is not null)
        {
            var known = (await conn.QueryAsync<string>(new CommandDefinition(
                "SELECT code FROM editions WHERE code = ANY(@Editions)", new { Editions = editions }, cancellationToken: ct))).ToHashSet();
            var unknown = editions.Where(e => !known.Contains(e)).ToArray();
            if (editions.Length == 0 || unknown.Length > 0)
            {
                errors["editions"] = [editions.Length == 0
                    ? "editions must list at least one edition, or be left out for all editions."
                    : $"Unknown edition(s): {string.Join(", ", unknown)}."];
            }
        }

        return errors;
    }
}
