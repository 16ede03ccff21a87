using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>
/// The media SQL, also read by the features that show media (posts, search, galleries). Lists are
/// newest first (id breaks ties); each filter combination is its own fixed statement served by its own
/// index. Texts come in the asked-for edition, each missing one from the default edition.
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

    private const string CollectionExistsSql = "SELECT EXISTS (SELECT 1 FROM media_collections WHERE slug = @Collection)";

    /// <summary>The total, then the page (@Limit, @Offset), of the media with this collection and kind (null: any).</summary>
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
            SELECT count(*) FROM media WHERE {filter};
            SELECT {MediaRow.Columns}, {TextColumns}
            FROM (SELECT id FROM media WHERE {filter} ORDER BY created_at DESC, id DESC LIMIT @Limit OFFSET @Offset) page
            JOIN media m ON m.id = page.id
            {TextJoins}
            ORDER BY m.created_at DESC, m.id DESC;
            """;
    }

    /// <summary>One page of media with texts in <paramref name="edition"/> (null: the default edition's), or a 404 naming the collection that does not exist.</summary>
    public static async Task<(ListEnvelope<MediaRow>? List, ProblemHttpResult? Problem)> ListAsync(
        NpgsqlConnection conn, MediaFilter filter, string? edition, PageRequest page, HttpRequest request, CancellationToken ct)
    {
        var (collection, kind) = (filter.CollectionSlug, filter.KindName);
        var list = await ListEnvelope.ReadAsync<MediaRow>(conn, List(collection, kind), new { Collection = collection, Kind = kind, Edition = edition }, page, request, ct);
        // media.collection references the collections, so only an empty list can be one of a collection that does not exist.
        return list.Page.TotalItems == 0 && collection is not null && !await CollectionExistsAsync(conn, null, collection, ct)
            ? (null, Problems.CollectionNotFound(collection))
            : (list, null);
    }

    public static Task<bool> CollectionExistsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string collection, CancellationToken ct) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition(CollectionExistsSql, new { Collection = collection }, tx, cancellationToken: ct));

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
