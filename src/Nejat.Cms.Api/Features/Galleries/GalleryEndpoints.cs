using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Galleries;

/// <summary>A gallery in an edition's list: its title there, how many items, and the first as its cover.</summary>
public record GallerySummary
{
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required int ItemCount { get; init; }
    public required MediaItem? Cover { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
}

/// <summary>A gallery with its items in order, their texts in the edition.</summary>
public sealed record Gallery : GallerySummary
{
    public required IReadOnlyList<MediaItem> Items { get; init; }
}

internal sealed record GalleryRow(long Id, string Slug, string Title, int ItemCount, long? CoverMediaId, DateTime CreatedAt, DateTime UpdatedAt);

/// <summary>The public galleries: those with a title in the edition, newest first.</summary>
internal static class GalleryEndpoints
{
    private const string Columns = """
        g.id, g.slug, gt.title,
        (SELECT count(*)::int FROM gallery_items i WHERE i.gallery_id = g.id) AS item_count,
        (SELECT i.media_id FROM gallery_items i WHERE i.gallery_id = g.id ORDER BY i.position LIMIT 1) AS cover_media_id,
        g.created_at, g.updated_at
        """;

    internal const string ListSql = $"""
        SELECT count(*) FROM gallery_titles WHERE edition = @Edition;
        SELECT {Columns}
        FROM (SELECT gallery_id FROM gallery_titles WHERE edition = @Edition ORDER BY gallery_id DESC LIMIT @Limit OFFSET @Offset) page
        JOIN galleries g ON g.id = page.gallery_id
        JOIN gallery_titles gt ON gt.gallery_id = g.id AND gt.edition = @Edition
        ORDER BY g.id DESC;
        """;

    internal const string BySlugSql = $"""
        SELECT {Columns}
        FROM galleries g JOIN gallery_titles gt ON gt.gallery_id = g.id AND gt.edition = @Edition
        WHERE g.slug = @Slug;
        SELECT media_id FROM gallery_items WHERE gallery_id = (SELECT id FROM galleries WHERE slug = @Slug) ORDER BY position;
        """;

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

    public static async Task<Results<Ok<ListEnvelope<GallerySummary>>, ProblemHttpResult, ValidationProblem>> ListGalleries(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("Page number, from 1. Default 1.")] QueryInteger? page,
        [Description("Galleries per page, from 1 to the configured maximum. Default 10.")] QueryInteger? perPage,
        HttpRequest request, NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct)
    {
        if (PageRequest.Invalid(page, perPage, options.Value, out var paging) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        long total;
        GalleryRow[] rows;
        await using (var results = await conn.QueryMultipleAsync(new CommandDefinition(
            ListSql, new { Edition = edition, Limit = paging.Size, paging.Offset }, cancellationToken: ct)))
        {
            total = await results.ReadSingleAsync<long>();
            rows = (await results.ReadAsync<GalleryRow>()).ToArray();
        }

        var covers = await MediaQueries.ByIdsAsync(conn, rows.Select(r => r.CoverMediaId).OfType<long>(), edition, ct);
        return TypedResults.Ok(ListEnvelope.Create(rows.Select(r => Summary(r, covers)).ToArray(), paging, total, request));
    }

    public static async Task<Results<Ok<Gallery>, ProblemHttpResult>> GetGallery(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("The gallery's slug.")] string slug,
        NpgsqlDataSource db, CancellationToken ct)
    {
        slug = Slug.Canonical(slug);
        await using var conn = await db.OpenConnectionAsync(ct);
        GalleryRow? row;
        long[] mediaIds;
        await using (var results = await conn.QueryMultipleAsync(new CommandDefinition(BySlugSql, new { Edition = edition, Slug = slug }, cancellationToken: ct)))
        {
            row = await results.ReadSingleOrDefaultAsync<GalleryRow>();
            mediaIds = (await results.ReadAsync<long>()).ToArray();
        }

        if (row is null)
        {
            return Problems.GalleryNotFound(edition, slug);
        }

        var media = await MediaQueries.ByIdsAsync(conn, mediaIds, edition, ct);
        var summary = Summary(row, media);
        return TypedResults.Ok(new Gallery
        {
            Slug = summary.Slug,
            Title = summary.Title,
            ItemCount = summary.ItemCount,
            Cover = summary.Cover,
            CreatedAt = summary.CreatedAt,
            UpdatedAt = summary.UpdatedAt,
            Items = mediaIds.Select(id => media[id]).ToArray(),
        });
    }

    private static GallerySummary Summary(GalleryRow row, IReadOnlyDictionary<long, MediaItem> media) => new()
    {
        Slug = row.Slug,
        Title = row.Title,
        ItemCount = row.ItemCount,
        Cover = row.CoverMediaId is { } id ? media.GetValueOrDefault(id) : null,
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
    };
}
