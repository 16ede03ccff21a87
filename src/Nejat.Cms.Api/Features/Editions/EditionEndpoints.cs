using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace Nejat.Cms.Api.Features.Editions;

public sealed record Edition(string Code, string Name, string Direction, string Locale, bool IsDefault);

internal static class EditionEndpoints
{
    public static RouteGroupBuilder MapEditions(this RouteGroupBuilder v1)
    {
        v1.MapGet("/editions", ListEditions)
            .WithName(nameof(ListEditions))
            .WithSummary("List the editions")
            .WithDescription("Every edition with its language, script direction and locale, in display order.")
            .WithTags("Editions");
        return v1;
    }

    private const string ListSql = """
        SELECT code, name, direction, locale, is_default
        FROM editions
        ORDER BY position, code
        """;

    public static async Task<Ok<Edition[]>> ListEditions(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var editions = await conn.QueryAsync<Edition>(new CommandDefinition(ListSql, cancellationToken: ct));
        return TypedResults.Ok(editions.ToArray());
    }

    /// <summary>True when the edition exists; part of a handler's first round trip where it can be.</summary>
    internal const string ExistsSql = "SELECT EXISTS (SELECT 1 FROM editions WHERE code = @Edition)";
}
