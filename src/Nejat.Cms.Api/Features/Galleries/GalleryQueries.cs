using Dapper;
using Nejat.Cms.Api.Features.Media;
using Npgsql;

namespace Nejat.Cms.Api.Features.Galleries;

/// <summary>The SQL of galleries: the public lists by edition title, the editors' view, and writes.</summary>
internal static class GalleryQueries
{
    private const string PublicColumns = """
        g.id, g.slug, gt.title,
        (SELECT count(*)::int FROM gallery_items i WHERE i.gallery_id = g.id) AS item_count,
        (SELECT i.media_id FROM gallery_items i WHERE i.gallery_id = g.id ORDER BY i.position LIMIT 1) AS cover_media_id,
        g.created_at, g.updated_at
        """;

    /// <summary>The edition's galleries newest first: the total, then the page (@Limit, @Offset).</summary>
    internal const string List = $"""
        SELECT count(*) FROM gallery_titles WHERE edition = @Edition;
        SELECT {PublicColumns}
        FROM (SELECT gallery_id FROM gallery_titles WHERE edition = @Edition ORDER BY gallery_id DESC LIMIT @Limit OFFSET @Offset) page
        JOIN galleries g ON g.id = page.gallery_id
        JOIN gallery_titles gt ON gt.gallery_id = g.id AND gt.edition = @Edition
        ORDER BY g.id DESC;
        """;

    /// <summary>One gallery with a title in the edition, then its media ids in order.</summary>
    internal const string BySlug = $"""
        SELECT {PublicColumns}
        FROM galleries g JOIN gallery_titles gt ON gt.gallery_id = g.id AND gt.edition = @Edition
        WHERE g.slug = @Slug;
        SELECT media_id FROM gallery_items WHERE gallery_id = (SELECT id FROM galleries WHERE slug = @Slug) ORDER BY position;
        """;

    private const string AdminColumns = """
        g.id, g.slug,
        coalesce((SELECT array_agg(t.edition ORDER BY t.edition) FROM gallery_titles t WHERE t.gallery_id = g.id), '{}') AS title_editions,
        coalesce((SELECT array_agg(t.title ORDER BY t.edition) FROM gallery_titles t WHERE t.gallery_id = g.id), '{}') AS title_texts,
        coalesce((SELECT array_agg(i.media_id ORDER BY i.position) FROM gallery_items i WHERE i.gallery_id = g.id), '{}') AS media_ids,
        g.version, g.created_at, g.updated_at
        """;

    /// <summary>Every gallery newest first, as editors see them: the total, then the page.</summary>
    internal const string ListForEditors = $"""
        SELECT count(*) FROM galleries;
        SELECT {AdminColumns} FROM galleries g ORDER BY g.id DESC LIMIT @Limit OFFSET @Offset;
        """;

    /// <summary>The public gallery by slug with its items' texts in the edition, or null.</summary>
    public static async Task<(GalleryRow Row, long[] MediaIds, Dictionary<long, MediaItem> Media)?> BySlugAsync(
        NpgsqlConnection conn, string edition, string slug, CancellationToken ct)
    {
        GalleryRow? row;
        long[] mediaIds;
        await using (var results = await conn.QueryMultipleAsync(new CommandDefinition(BySlug, new { Edition = edition, Slug = slug }, cancellationToken: ct)))
        {
            row = await results.ReadSingleOrDefaultAsync<GalleryRow>();
            mediaIds = (await results.ReadAsync<long>()).ToArray();
        }

        return row is null ? null : (row, mediaIds, await MediaQueries.ByIdsAsync(conn, mediaIds, edition, ct));
    }

    public static Task<GalleryAdminRow?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, CancellationToken ct, bool forUpdate = false) =>
        conn.QuerySingleOrDefaultAsync<GalleryAdminRow>(new CommandDefinition(
            forUpdate ? $"SELECT {AdminColumns} FROM galleries g WHERE g.id = @Id FOR UPDATE OF g" : $"SELECT {AdminColumns} FROM galleries g WHERE g.id = @Id",
            new { Id = id }, tx, cancellationToken: ct));

    /// <summary>The gallery with this slug as editors see it, or null.</summary>
    public static Task<GalleryAdminRow?> GetBySlugAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, string slug, CancellationToken ct, bool forUpdate = false) =>
        conn.QuerySingleOrDefaultAsync<GalleryAdminRow>(new CommandDefinition(
            $"SELECT {AdminColumns} FROM galleries g WHERE g.slug = @Slug" + (forUpdate ? " FOR UPDATE OF g" : ""),
            new { Slug = slug }, tx, cancellationToken: ct));

    /// <summary>How many of the editions exist, and how many of the media ids (locked against deletion until the write commits).</summary>
    public static Task<(long Editions, long Media)> CountExistingAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string[] editions, long[] mediaIds, CancellationToken ct) =>
        conn.QuerySingleAsync<(long Editions, long Media)>(new CommandDefinition("""
            SELECT (SELECT count(*) FROM editions WHERE code = ANY(@Editions)),
                   (SELECT count(*) FROM (SELECT id FROM media WHERE id = ANY(@Ids) FOR KEY SHARE) m)
            """, new { Editions = editions, Ids = mediaIds }, tx, cancellationToken: ct));

    /// <summary>Stores a gallery (a new one when <paramref name="id"/> is null) with its titles and items in order; returns its id.</summary>
    public static async Task<long> SaveAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, long? id, string slug, IReadOnlyDictionary<string, string> titles, long[] mediaIds, CancellationToken ct)
    {
        var galleryId = await conn.ExecuteScalarAsync<long>(new CommandDefinition(id is null
            ? "INSERT INTO galleries (slug) VALUES (@Slug) RETURNING id"
            : "UPDATE galleries SET slug = @Slug, version = version + 1, updated_at = now() WHERE id = @Id RETURNING id",
            new { Id = id, Slug = slug }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM gallery_titles WHERE gallery_id = @Id;
            INSERT INTO gallery_titles (gallery_id, edition, title) SELECT @Id, * FROM unnest(@Editions::text[], @Titles::text[]);
            DELETE FROM gallery_items WHERE gallery_id = @Id;
            INSERT INTO gallery_items (gallery_id, position, media_id) SELECT @Id, (w.ord - 1)::smallint, w.media_id FROM unnest(@Ids::bigint[]) WITH ORDINALITY AS w(media_id, ord);
            """, new { Id = galleryId, Editions = titles.Keys.ToArray(), Titles = titles.Values.ToArray(), Ids = mediaIds }, tx, cancellationToken: ct));
        return galleryId;
    }

    public static Task DeleteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("DELETE FROM galleries WHERE id = @Id", new { Id = id }, tx, cancellationToken: ct));
}
