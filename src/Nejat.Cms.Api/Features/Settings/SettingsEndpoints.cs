using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Settings;

/// <summary>Site settings per edition: public GET /v1/{edition}/settings; editors' GET/PUT/PATCH /v1/admin/settings/{edition}.</summary>
internal static class SettingsEndpoints
{
    public static RouteGroupBuilder MapSettings(this RouteGroupBuilder v1)
    {
        v1.MapGet("/{edition}/settings", GetSettings)
            .WithName(nameof(GetSettings)).WithTags("Settings")
            .WithSummary("Get an edition's site settings")
            .WithDescription("Site title, description, copyright line, social profile links and default share targets, with the edition's language and direction. Empty strings and lists until editors set them.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    public static RouteGroupBuilder MapSettingsAdmin(this RouteGroupBuilder admin) =>
        SiteSettingsRules.Document.MapAdmin(admin,
            $"title is required; social link URLs are absolute https URLs; share targets: {string.Join(", ", SiteSettingsRules.ShareTargets)}.", patch: true);

    public static async Task<Results<Ok<SiteSettings>, ProblemHttpResult>> GetSettings(
        [Description("Edition code, e.g. `fa`.")] string edition, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var (settings, _) = await SiteSettingsRules.Document.ReadAsync(conn, edition, JsonBody.Options(http), ct);
        if (await EditionLanguage.ReadAsync(conn, edition, ct) is not { } language)
        {
            return Problems.EditionNotFound(edition);
        }

        return TypedResults.Ok(new SiteSettings(
            edition, language.Language, language.Direction, settings.Title ?? "", settings.Description ?? "", settings.Copyright ?? "",
            settings.SocialLinks ?? [], settings.ShareTargets ?? []));
    }
}
