using System.ComponentModel;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Galleries;

/// <summary>The public galleries: those with a title in the edition, newest first.</summary>
internal static class GalleryEndpoints
{
    public static RouteGroupBuilder MapGalleries(this RouteGroupBuilder v1)
    {
        var galleries = v1.MapGroup("/{edition}/galleries").WithTags("Galleries");
        galleries.MapGet("/", ListGalleries).WithName(nameof(ListGalleries)).WithSummary("List the edition's galleries, newest first")
            .WithDescription("Galleries with a title in the edition, each with its item count and first item as cover.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        galleries.MapGet("/{slug}", GetGallery).WithName(nameof(GetGallery)).WithSummary("Get a gallery with its items in order")
            .WithDescription("Items are media items with their texts in the edition (the default edition's where missing).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    public static async Task<Results<Ok<ListEnvelope<GallerySummary>>, ValidationProblem>> ListGalleries(
        [Description("Edition code, e.g. `fa`.")] string edition, [AsParameters] PageQuery paging,
        HttpRequest request, NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct)
    {
        if (paging.Invalid(options.Value, out var page) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var rows = await ListEnvelope.ReadAsync<GalleryRow>(conn, GalleryQueries.List, new { Edition = edition }, page, request, ct);
        var covers = await MediaQueries.ByIdsAsync(conn, rows.Items.Select(r => r.CoverMediaId).OfType<long>(), edition, ct);
        return TypedResults.Ok(new ListEnvelope<GallerySummary>(
            rows.Items.Select(r => r.Adapt<GallerySummary>(Mappings.Config) with { Cover = CoverOf(r, covers) }).ToArray(), rows.Page, rows.Links));
    }

    public static async Task<Results<Ok<Gallery>, ProblemHttpResult>> GetGallery(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("The gallery's slug.")] string slug,
        NpgsqlDataSource db, CancellationToken ct)
    {
        slug = Slug.Canonical(slug);
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await GalleryQueries.BySlugAsync(conn, edition, slug, ct) is not var (row, mediaIds, media))
        {
            return Problems.GalleryNotFound(edition, slug);
        }

        return TypedResults.Ok(row.Adapt<Gallery>(Mappings.Config) with { Cover = CoverOf(row, media), Items = mediaIds.Select(id => media[id]).ToArray() });
    }

    private static MediaItem? CoverOf(GalleryRow row, IReadOnlyDictionary<long, MediaItem> media) =>
        row.CoverMediaId is { } id ? media.GetValueOrDefault(id) : null;
}
