using System.Text.Json;
using Dapper;
using Mapster;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>
/// The one way a post is written: every create, edit, workflow step, restore and scheduled publish
/// goes through <see cref="SaveAsync"/>, in the caller's transaction, so each keeps a revision and an
/// audit entry and moves tags, counts and old slugs together.
/// </summary>
internal static class PostCommands
{
    private const string LockSql = "SELECT version, created_by_key, created_by_account FROM posts WHERE id = @Id FOR UPDATE";

    private const string InsertSql = """
        INSERT INTO posts (kind, edition, slug, status, published_at, title, excerpt, body_html, byline, author_id, translation_key, created_by_key, created_by_account, featured_media_id)
        VALUES (@Kind, @Edition, @Slug, @Status, @PublishedAt, @Title, @Excerpt, @BodyHtml, @Byline,
                (SELECT id FROM authors WHERE slug = @Author), @TranslationKey, @CreatedByKey, @CreatedByAccount, @FeaturedMediaId)
        RETURNING id, version
        """;

    private const string UpdateSql = """
        UPDATE posts SET slug = @Slug, status = @Status, published_at = @PublishedAt, title = @Title, excerpt = @Excerpt,
                         body_html = @BodyHtml, byline = @Byline, author_id = (SELECT id FROM authors WHERE slug = @Author),
                         translation_key = @TranslationKey, featured_media_id = @FeaturedMediaId, version = version + 1, updated_at = now()
        WHERE id = @Id
        RETURNING id, version
        """;

    // Replacing the rows lets the post_tags triggers keep every tag's count right.
    private const string ReplaceTagsSql = """
        DELETE FROM post_tags WHERE post_id = @Id;
        INSERT INTO post_tags (post_id, tag_id, position)
        SELECT @Id, t.id, (w.ord - 1)::smallint
        FROM unnest(@Slugs::text[]) WITH ORDINALITY AS w(slug, ord)
        JOIN tags t ON t.edition = @Edition AND t.slug = w.slug;
        """;

    // A published post's old slug keeps answering (with a 301); a slug in use by a real post is no redirect.
    private const string RedirectsSql = """
        DELETE FROM post_slug_redirects WHERE edition = @Edition AND slug = @NewSlug;
        INSERT INTO post_slug_redirects (edition, slug, post_id) SELECT @Edition, @OldSlug, @Id WHERE @Redirect
        ON CONFLICT (edition, slug) DO UPDATE SET post_id = excluded.post_id;
        """;

    private const string RevisionSql = """
        INSERT INTO post_revisions (post_id, number, key_name, action, state)
        VALUES (@Id, @Version, @KeyName, @Action, @State::jsonb)
        """;

    /// <summary>Locks the post for this transaction; null when there is no such post.</summary>
    public static Task<(int Version, long? CreatedByKey, long? CreatedByAccount)?> LockAsync(NpgsqlConnection conn, NpgsqlTransaction tx, long id, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<(int, long?, long?)?>(new CommandDefinition(LockSql, new { Id = id }, tx, cancellationToken: ct));

    public static Task<AdminPostRow?> GetAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, long id, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<AdminPostRow>(new CommandDefinition(PostAdminQueries.ByIdSql, new { Id = id }, tx, cancellationToken: ct));

    /// <summary>
    /// Writes <paramref name="state"/> as a new post (id null) or the next version of post
    /// <paramref name="id"/>, whose current state is <paramref name="previous"/>.
    /// </summary>
    public static async Task<AdminPost> SaveAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, long? id, PostState? previous, PostState state,
        EditorKey? key, string keyName, string action, string? requestId, CancellationToken ct)
    {
        var row = new
        {
            Id = id,
            state.Kind,
            state.Edition,
            state.Slug,
            state.Status,
            state.PublishedAt,
            state.Title,
            state.Excerpt,
            state.BodyHtml,
            state.Byline,
            state.Author,
            state.TranslationKey,
            state.FeaturedMediaId,
            CreatedByKey = key?.KeyId,
            CreatedByAccount = key?.AccountId,
        };
        var (postId, version) = await conn.QuerySingleAsync<(long, int)>(new CommandDefinition(
            id is null ? InsertSql : UpdateSql, row, tx, cancellationToken: ct));

        if (previous is null || !previous.Tags.SequenceEqual(state.Tags, StringComparer.Ordinal))
        {
            await conn.ExecuteAsync(new CommandDefinition(ReplaceTagsSql, new { Id = postId, Slugs = state.Tags, state.Edition }, tx, cancellationToken: ct));
        }

        if (previous is not null && previous.Slug != state.Slug)
        {
            await conn.ExecuteAsync(new CommandDefinition(RedirectsSql, new
            {
                Id = postId,
                state.Edition,
                NewSlug = state.Slug,
                OldSlug = previous.Slug,
                Redirect = previous.Status == "published",
            }, tx, cancellationToken: ct));
        }

        await conn.ExecuteAsync(new CommandDefinition(RevisionSql, new
        {
            Id = postId,
            Version = version,
            KeyName = keyName,
            Action = action,
            State = JsonSerializer.Serialize(state, RevisionJson),
        }, tx, cancellationToken: ct));

        var kind = PostKind.Of(state.Kind);
        await Audit.RecordAsync(conn, tx, key, keyName, $"{kind.Plural}.{action}", $"{kind.Plural}/{postId}", requestId, ct);
        return (await GetAsync(conn, tx, postId, ct))!.Adapt<AdminPost>(Mappings.Config);
    }

    /// <summary>
    /// Makes the slug and tags of <paramref name="state"/> real in its edition: a derived slug gets
    /// -2, -3 … until free; tags given by name or new slug are found or created.
    /// Returns null and a problem message when an explicitly chosen slug is taken.
    /// </summary>
    public static async Task<(PostState? State, string? SlugTaken)> ResolveAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, long? id, PostState state, bool slugChosen, CancellationToken ct)
    {
        var wanted = state.Slug.Length > 0 ? state.Slug : Slug.FromTitle(state.Title);
        var slug = await SlugAllocation.ChooseAsync(conn, tx, SlugTable.Posts, state.Edition, id, wanted, slugChosen, ct);
        if (slug is null)
        {
            return (null, wanted);
        }

        var tags = new List<string>(state.Tags.Length);
        foreach (var entry in state.Tags)
        {
            tags.Add(await ResolveTagAsync(conn, tx, state.Edition, entry, ct));
        }

        return (state with { Slug = slug, Tags = tags.Distinct(StringComparer.Ordinal).ToArray() }, null);
    }

    private static async Task<string> ResolveTagAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string edition, string entry, CancellationToken ct)
    {
        var asSlug = Slug.Canonical(entry);
        var existing = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT slug FROM tags WHERE edition = @Edition AND (slug = @Slug OR name = @Name) ORDER BY slug = @Slug DESC LIMIT 1",
            new { Edition = edition, Slug = asSlug, Name = entry }, tx, cancellationToken: ct));
        if (existing is not null)
        {
            return existing;
        }

        var slug = Slug.Problem(asSlug) is null ? asSlug : Slug.FromTitle(entry);
        await SlugAllocation.LockAsync(conn, tx, SlugTable.Tags, edition, ct);
        return await conn.QuerySingleAsync<string>(new CommandDefinition("""
            INSERT INTO tags (edition, slug, name) VALUES (@Edition, @Slug, @Name)
            ON CONFLICT (edition, slug) DO UPDATE SET slug = excluded.slug
            RETURNING slug
            """, new { Edition = edition, Slug = slug, Name = entry }, tx, cancellationToken: ct));
    }

    private static readonly JsonSerializerOptions RevisionJson = new(JsonSerializerDefaults.Web);

    public static PostState ReadRevision(string json) => JsonSerializer.Deserialize<PostState>(json, RevisionJson)!;
}
