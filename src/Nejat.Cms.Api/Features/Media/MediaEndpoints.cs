using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>
/// The media SQL. Lists are newest first (id breaks ties); each filter combination is its own fixed
/// statement served by its own index. Texts come in the asked-for edition, each missing one from the
/// default edition.
/// </summary>
internal static class MediaQueries
{
    private const string TextColumns = """
        coalesce(nullif(t.title, ''), d.title, '') AS title,
        coalesce(nullif(t.alt, ''), d.alt, '') AS alt,
        coalesce(nullif(t.caption, ''), d.caption, '') AS caption
        """;

    private const string TextJoins = """
        LEFT JOIN media_translations t ON t.media_id = m.id AND t.edition = @Edition
        LEFT JOIN media_translations d ON d.media_id = m.id AND d.edition = (SELECT code FROM editions WHERE is_default)
        """;

    public const string ByIdsSql = $"""
        SELECT {MediaRow.Columns}, {TextColumns}
        FROM media m
        {TextJoins}
        WHERE m.id = ANY(@Ids)
        """;

    private const string ChecksSql = """
        SELECT @Edition::text IS NULL OR EXISTS (SELECT 1 FROM editions WHERE code = @Edition) AS edition_exists,
               @Collection::text IS NULL OR EXISTS (SELECT 1 FROM media_collections WHERE slug = @Collection) AS collection_exists;
        """;

    public static string List(string? collection, string? kind)
    {
        var filter = (collection, kind) switch
        {
            (null, null) => "true",
            (not null, null) => "collection = @Collection",
            (null, not null) => "kind = @Kind",
            _ => "collection = @Collection AND kind = @Kind",
        };
        return $"""
            {ChecksSql}
            SELECT count(*) FROM media WHERE {filter};
            SELECT {MediaRow.Columns}, {TextColumns}
            FROM (SELECT id FROM media WHERE {filter} ORDER BY created_at DESC, id DESC LIMIT @Limit OFFSET @Offset) page
            JOIN media m ON m.id = page.id
            {TextJoins}
            ORDER BY m.created_at DESC, m.id DESC;
            """;
    }

    public static ValidationProblem? InvalidList(string? collection, string? kind, QueryInteger? page, QueryInteger? perPage, CmsOptions options, out PageRequest paging)
    {
        var invalid = PageRequest.Invalid(page, perPage, options, out paging);
        if (kind is { Length: > 0 } && !MediaKinds.All.Contains(kind, StringComparer.Ordinal))
        {
            var errors = new Dictionary<string, string[]>(invalid?.ProblemDetails.Errors ?? new Dictionary<string, string[]>())
            {
                ["kind"] = [$"kind must be one of {string.Join(", ", MediaKinds.All)}; got '{kind}'."],
            };
            return TypedResults.ValidationProblem(errors, detail: string.Join(" ", errors.Values.SelectMany(e => e)), title: "Invalid query parameters");
        }

        return invalid;
    }

    /// <summary>The page and the total, or a 404 naming the edition or collection that does not exist.</summary>
    public static async Task<(ProblemHttpResult? Problem, long Total, MediaRow[] Rows)> ListAsync(
        NpgsqlConnection conn, string? collection, string? kind, string? edition, PageRequest paging, CancellationToken ct)
    {
        collection = MediaAdminEndpoints.Blank(collection);
        kind = MediaAdminEndpoints.Blank(kind);
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition(List(collection, kind),
            new { Collection = collection, Kind = kind, Edition = edition, Limit = paging.Size, paging.Offset }, cancellationToken: ct));
        var (editionExists, collectionExists) = await results.ReadSingleAsync<(bool, bool)>();
        if (!editionExists || !collectionExists)
        {
            return (editionExists ? Problems.CollectionNotFound(collection!) : Problems.EditionNotFound(edition!), 0, []);
        }

        var total = await results.ReadSingleAsync<long>();
        return (null, total, (await results.ReadAsync<MediaRow>()).ToArray());
    }

    /// <summary>Media items by id with their texts in <paramref name="edition"/>, in one query.</summary>
    public static async Task<Dictionary<long, MediaItem>> ByIdsAsync(NpgsqlConnection conn, IEnumerable<long> ids, string? edition, CancellationToken ct)
    {
        var distinct = ids.Distinct().ToArray();
        if (distinct.Length == 0)
        {
            return [];
        }

        var rows = await conn.QueryAsync<MediaRow>(new CommandDefinition(ByIdsSql, new { Ids = distinct, Edition = edition }, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => r.ToItem());
    }
}

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
        [Description("Only media of this collection, e.g. `photo-gallery`.")] string? collection,
        [Description("Only media of this kind: image, video, audio or document.")] string? kind,
        [Description("Edition code whose texts to give, e.g. `fa`. Default: the default edition.")] string? edition,
        [Description("Page number, from 1. Default 1.")] QueryInteger? page,
        [Description("Items per page, from 1 to the configured maximum. Default 10.")] QueryInteger? perPage,
        HttpRequest request, NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct)
    {
        if (MediaQueries.InvalidList(collection, kind, page, perPage, options.Value, out var paging) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var (problem, total, rows) = await MediaQueries.ListAsync(conn, collection, kind, MediaAdminEndpoints.Blank(edition), paging, ct);
        if (problem is not null)
        {
            return problem;
        }

        return TypedResults.Ok(ListEnvelope.Create(rows.Select(r => r.ToItem()).ToArray(), paging, total, request));
    }

    public static async Task<Results<Ok<MediaItem>, ProblemHttpResult>> GetMedia(
        [Description("The media item's id.")] long id,
        [Description("Edition code whose texts to give, e.g. `fa`. Default: the default edition.")] string? edition,
        NpgsqlDataSource db, CancellationToken ct)
    {
        edition = MediaAdminEndpoints.Blank(edition);
        await using var conn = await db.OpenConnectionAsync(ct);
        if (edition is not null && !await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            Editions.EditionEndpoints.ExistsSql, new { Edition = edition }, cancellationToken: ct)))
        {
            return Problems.EditionNotFound(edition);
        }

        var items = await MediaQueries.ByIdsAsync(conn, [id], edition, ct);
        return items.TryGetValue(id, out var item) ? TypedResults.Ok(item) : Problems.MediaNotFound(id);
    }
}
