using Dapper;
using Npgsql;

namespace Nejat.Cms.Api.Features.Tags;

/// <summary>The SQL of tags: the public list and lookup, and what editors read and write.</summary>
internal static class TagQueries
{
    // The total, then the page (the edition is known: routes resolve it before the handler).
    public const string List = """
        SELECT count(*) FROM tags WHERE edition = @Edition;
        SELECT t.edition, t.slug, t.name, t.post_count, e.locale AS language, e.direction
        FROM tags t
        JOIN editions e ON e.code = t.edition
        WHERE t.edition = @Edition
        ORDER BY t.name COLLATE "und-x-icu", t.id
        LIMIT @Limit OFFSET @Offset;
        """;

    public const string BySlug = """
        SELECT t.edition, t.slug, t.name, t.post_count, e.locale AS language, e.direction
        FROM tags t JOIN editions e ON e.code = t.edition
        WHERE t.edition = @Edition AND t.slug = @Slug;
        """;

    private const string AdminColumns = "id, edition, slug, name, post_count, version";

    public const string ListForEditors = $"""
        SELECT count(*) FROM tags WHERE edition = @Edition;
        SELECT {AdminColumns} FROM tags WHERE edition = @Edition ORDER BY name COLLATE "und-x-icu", id LIMIT @Limit OFFSET @Offset;
        """;

    /// <summary>The tag with <paramref name="id"/>, locked for the transaction's change when <paramref name="forUpdate"/>; null when there is none.</summary>
    public static Task<AdminTagRow?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, CancellationToken ct, bool forUpdate = false) =>
        conn.QuerySingleOrDefaultAsync<AdminTagRow>(new CommandDefinition(
            $"SELECT {AdminColumns} FROM tags WHERE id = @Id{(forUpdate ? " FOR UPDATE" : "")}", new { Id = id }, tx, cancellationToken: ct));

    public static Task<bool> EditionExistsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string edition, CancellationToken ct) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM editions WHERE code = @Edition)", new { Edition = edition }, tx, cancellationToken: ct));

    public static Task<AdminTagRow> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string edition, string slug, string name, CancellationToken ct) =>
        conn.QuerySingleAsync<AdminTagRow>(new CommandDefinition($"""
            INSERT INTO tags (edition, slug, name) VALUES (@Edition, @Slug, @Name)
            RETURNING {AdminColumns}
            """, new { Edition = edition, Slug = slug, Name = name }, tx, cancellationToken: ct));

    public static Task<AdminTagRow> RenameAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, string slug, string name, CancellationToken ct) =>
        conn.QuerySingleAsync<AdminTagRow>(new CommandDefinition($"""
            UPDATE tags SET slug = @Slug, name = @Name, version = version + 1, updated_at = now()
            WHERE id = @Id
            RETURNING {AdminColumns}
            """, new { Id = id, Slug = slug, Name = name }, tx, cancellationToken: ct));

    /// <summary>How many posts carry the tag, published or not.</summary>
    public static Task<long> CarriersAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct) =>
        conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM post_tags WHERE tag_id = @Id", new { Id = id }, tx, cancellationToken: ct));

    /// <summary>Deletes the tag, taking it off its posts.</summary>
    public static Task DeleteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct) =>
        // Posts that lose the tag change, so their versions move (an editor holding an old ETag gets a 412).
        conn.ExecuteAsync(new CommandDefinition("""
            UPDATE posts SET version = version + 1, updated_at = now() WHERE id IN (SELECT post_id FROM post_tags WHERE tag_id = @Id);
            DELETE FROM tags WHERE id = @Id;
            """, new { Id = id }, tx, cancellationToken: ct));
}
