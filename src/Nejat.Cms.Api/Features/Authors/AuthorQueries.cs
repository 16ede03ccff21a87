using Dapper;
using Npgsql;

namespace Nejat.Cms.Api.Features.Authors;

/// <summary>The SQL of authors: the public list and lookup, and what editors read and write.</summary>
internal static class AuthorQueries
{
    // Post counts come from the author index, for the page's authors only.
    private const string PublicColumns = """
        SELECT a.slug, a.name,
               (SELECT count(*) FROM posts p WHERE p.author_id = a.id AND p.status = 'published' AND p.kind = 'post') AS post_count
        """;

    public const string List = $"""
        SELECT count(*) FROM authors;
        {PublicColumns}
        FROM authors a
        ORDER BY a.name COLLATE "und-x-icu", a.id
        LIMIT @Limit OFFSET @Offset;
        """;

    public const string BySlug = $"""
        {PublicColumns}
        FROM authors a
        WHERE a.slug = @Slug
        """;

    private const string AdminColumns = "id, slug, name, version";

    public const string ListForEditors = $"""
        SELECT count(*) FROM authors;
        SELECT {AdminColumns} FROM authors ORDER BY name COLLATE "und-x-icu", id LIMIT @Limit OFFSET @Offset;
        """;

    /// <summary>The author with <paramref name="id"/>, locked for the transaction's change when <paramref name="forUpdate"/>; null when there is none.</summary>
    public static Task<AdminAuthorRow?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, CancellationToken ct, bool forUpdate = false) =>
        conn.QuerySingleOrDefaultAsync<AdminAuthorRow>(new CommandDefinition(
            $"SELECT {AdminColumns} FROM authors WHERE id = @Id{(forUpdate ? " FOR UPDATE" : "")}", new { Id = id }, tx, cancellationToken: ct));

    /// <summary>The editions the author has posts in, whatever their status.</summary>
    public static async Task<string[]> EditionsOfAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct) =>
        (await conn.QueryAsync<string>(new CommandDefinition(
            // One index probe per edition, however many posts the author has.
            "SELECT e.code FROM editions e WHERE EXISTS (SELECT 1 FROM posts p WHERE p.author_id = @Id AND p.edition = e.code)",
            new { Id = id }, tx, cancellationToken: ct))).ToArray();

    public static Task<AdminAuthorRow> InsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string slug, string name, CancellationToken ct) =>
        conn.QuerySingleAsync<AdminAuthorRow>(new CommandDefinition($"""
            INSERT INTO authors (slug, name) VALUES (@Slug, @Name) RETURNING {AdminColumns}
            """, new { Slug = slug, Name = name }, tx, cancellationToken: ct));

    public static Task<AdminAuthorRow> RenameAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, string slug, string name, CancellationToken ct) =>
        conn.QuerySingleAsync<AdminAuthorRow>(new CommandDefinition($"""
            UPDATE authors SET slug = @Slug, name = @Name, version = version + 1, updated_at = now() WHERE id = @Id RETURNING {AdminColumns}
            """, new { Id = id, Slug = slug, Name = name }, tx, cancellationToken: ct));

    /// <summary>How many posts name the author, published or not.</summary>
    public static Task<long> PostCountAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct) =>
        conn.ExecuteScalarAsync<long>(new CommandDefinition("SELECT count(*) FROM posts WHERE author_id = @Id", new { Id = id }, tx, cancellationToken: ct));

    /// <summary>Deletes the author; the posts keep their bylines, without an author.</summary>
    public static Task DeleteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("""
            UPDATE posts SET author_id = NULL, version = version + 1, updated_at = now() WHERE author_id = @Id;
            DELETE FROM authors WHERE id = @Id;
            """, new { Id = id }, tx, cancellationToken: ct));
}
