using Dapper;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Database;

/// <summary>The tables whose rows have slugs, each unique within its edition or across the site.</summary>
internal enum SlugTable
{
    /// <summary>Posts and pages, per edition.</summary>
    Posts,
    Tags,
    Authors,
    Galleries,
    MediaCollections,
}

/// <summary>
/// Chooses slugs one writer at a time per namespace (a table, and an edition where slugs are per
/// edition), so that writes arriving together never pick the same free slug: eight "Hello" posts
/// created at once become hello, hello-2 … hello-8, never a unique-key error. The lock is a
/// transaction-level advisory lock, held until the writing transaction ends.
/// </summary>
internal static class SlugAllocation
{
    /// <summary>The slug to store, chosen under the namespace's lock (held by <paramref name="tx"/> until it ends).</summary>
    /// <param name="conn">The writing connection.</param>
    /// <param name="tx">The writing transaction.</param>
    /// <param name="table">Where the slug must be unique.</param>
    /// <param name="edition">The edition, for tables whose slugs are per edition.</param>
    /// <param name="id">The row being changed, whose own slug is not taken; null for a new row.</param>
    /// <param name="slug">The slug asked for (chosen) or made from a title (derived).</param>
    /// <param name="chosen">A chosen slug that is taken is refused (null); a derived one becomes slug-2, slug-3 ….</param>
    /// <param name="ct">Cancels the request's work.</param>
    public static async Task<string?> ChooseAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, SlugTable table, string? edition, long? id, string slug, bool chosen, CancellationToken ct)
    {
        await LockAsync(conn, tx, table, edition, ct);
        var taken = (await conn.QueryAsync<string>(new CommandDefinition(TakenSql(table), new { Edition = edition, Id = id, Slug = slug }, tx, cancellationToken: ct)))
            .ToHashSet(StringComparer.Ordinal);
        return !taken.Contains(slug) ? slug
            : chosen ? null
            : Enumerable.Range(2, int.MaxValue - 2).Select(n => Slug.Numbered(slug, n)).First(s => !taken.Contains(s));
    }

    /// <summary>Takes the namespace's lock until the transaction ends (for writers that pick slugs their own way).</summary>
    public static Task LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, SlugTable table, string? edition, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtextextended(@Space, 0))",
            new { Space = $"slugs:{table}:{edition}" }, tx, cancellationToken: ct));

    // The slug itself and its numbered forms (slug-2 …): one index range each.
    private static string TakenSql(SlugTable table) => table switch
    {
        SlugTable.Posts => "SELECT slug FROM posts WHERE edition = @Edition AND (slug = @Slug OR slug LIKE @Slug || '-%') AND id IS DISTINCT FROM @Id",
        SlugTable.Tags => "SELECT slug FROM tags WHERE edition = @Edition AND (slug = @Slug OR slug LIKE @Slug || '-%') AND id IS DISTINCT FROM @Id",
        SlugTable.Authors => "SELECT slug FROM authors WHERE (slug = @Slug OR slug LIKE @Slug || '-%') AND id IS DISTINCT FROM @Id",
        SlugTable.Galleries => "SELECT slug FROM galleries WHERE (slug = @Slug OR slug LIKE @Slug || '-%') AND id IS DISTINCT FROM @Id",
        _ => "SELECT slug FROM media_collections WHERE slug = @Slug OR slug LIKE @Slug || '-%'",
    };
}
