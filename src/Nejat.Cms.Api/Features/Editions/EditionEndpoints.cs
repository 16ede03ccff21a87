using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Editions;

/// <summary>An edition, with the time zone and calendar its dates are shown in.</summary>
public sealed record Edition(string Code, string Name, [property: AllowedValues("ltr", "rtl")] string Direction, string Locale, bool IsDefault, string TimeZone)
{
    /// <summary>The calendar of the edition's display dates and archives: persian (Solar Hijri) or gregorian.</summary>
    [AllowedValues("gregorian", "persian")]
    public string Calendar => EditionCalendar.For(Locale, TimeZone).Calendar.Name;
}

internal static class EditionEndpoints
{
    public static RouteGroupBuilder MapEditions(this RouteGroupBuilder v1)
    {
        v1.MapGet("/editions", ListEditions)
            .WithName(nameof(ListEditions))
            .WithSummary("List the editions")
            .WithDescription("Every edition with its language, script direction, locale, and the IANA time zone and calendar its dates are shown in, in display order.")
            .WithTags("Editions")
            .WithResponseExample("""
                [
                  { "code": "en", "name": "English", "direction": "ltr", "locale": "en", "isDefault": true, "timeZone": "UTC", "calendar": "gregorian" },
                  { "code": "fa", "name": "فارسی", "direction": "rtl", "locale": "fa", "isDefault": false, "timeZone": "Asia/Tehran", "calendar": "persian" }
                ]
                """);
        return v1;
    }

    private const string ListSql = """
        SELECT code, name, direction, locale, is_default, time_zone
        FROM editions
        ORDER BY position, code
        """;

    public static async Task<Ok<Edition[]>> ListEditions(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var editions = await conn.QueryAsync<Edition>(new CommandDefinition(ListSql, cancellationToken: ct));
        return TypedResults.Ok(editions.ToArray());
    }
}
