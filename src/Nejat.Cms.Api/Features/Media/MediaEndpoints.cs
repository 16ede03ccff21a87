using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>The public media API: items with their file and rendition URLs and their texts in one edition.</summary>
internal static class MediaEndpoints
{
    public static RouteGroupBuilder MapMedia(this RouteGroupBuilder v1)
    {
        var media = v1.MapGroup("/media").WithTags("Media");
        media.MapGet("/", ListMedia).WithName(nameof(ListMedia)).WithSummary("List media, newest first")
            .WithDescription("Filter by collection and kind. Texts (title, alt, caption) in ?edition=, each missing one in the default edition's.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        media.MapGet("/{id:long}", GetMedia).WithName(nameof(GetMedia)).WithSummary("Get one media item")
            .WithDescription("With its file URL, rendition URLs and widths (for srcset), type, size and dimensions; texts in ?edition=, falling back to the default edition.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    public static async Task<Results<Ok<ListEnvelope<MediaItem>>, ProblemHttpResult, ValidationProblem>> ListMedia(
        [AsParameters] MediaFilter filter, [AsParameters] MediaTextEdition texts, [AsParameters] PageQuery paging,
        HttpRequest request, NpgsqlDataSource db, ContentVersions editions, IOptions<CmsOptions> options, CancellationToken ct)
    {
        if (filter.Invalid(paging, options.Value, out var page) is { } invalid)
        {
            return invalid;
        }

        if (texts.Unknown(editions) is { } unknown)
        {
            return unknown;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var (list, problem) = await MediaQueries.ListAsync(conn, filter, texts.Code, page, request, ct);
        return list is null ? problem! : TypedResults.Ok(new ListEnvelope<MediaItem>(list.Items.Select(r => r.ToItem()).ToArray(), list.Page, list.Links));
    }

    public static async Task<Results<Ok<MediaItem>, ProblemHttpResult>> GetMedia(
        [Description("The media item's id.")] long id, [AsParameters] MediaTextEdition texts, NpgsqlDataSource db, ContentVersions editions, CancellationToken ct)
    {
        if (texts.Unknown(editions) is { } unknown)
        {
            return unknown;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var items = await MediaQueries.ByIdsAsync(conn, [id], texts.Code, ct);
        return items.TryGetValue(id, out var item) ? TypedResults.Ok(item) : Problems.MediaNotFound(id);
    }
}
