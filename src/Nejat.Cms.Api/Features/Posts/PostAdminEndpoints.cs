using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>A post as editors see it: any status, with its version for If-Match.</summary>
public record AdminPostSummary
{
    public long Id { get; init; }
    /// <summary>post, or page (under /v1/admin/pages).</summary>
    public string Kind { get; init; } = "post";
    public string Edition { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTime? PublishedAt { get; init; }
    public string Title { get; init; } = "";
    public string? Author { get; init; }
    /// <summary>Tag slugs in order; the first is the primary tag.</summary>
    public string[] Tags { get; init; } = [];
    public string? TranslationKey { get; init; }
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

public sealed record AdminPost : AdminPostSummary
{
    public string Excerpt { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public string? Byline { get; init; }
    public long? FeaturedMediaId { get; init; }
}

/// <summary>/v1/admin/posts: every status, within the editions the key may touch.</summary>
internal static class PostAdminEndpoints
{
    private static readonly string[] Statuses = ["draft", "scheduled", "published", "trashed"];

    public static RouteGroupBuilder MapPostAdmin(this RouteGroupBuilder admin, PostKind kind)
    {
        var posts = admin.MapGroup($"/{kind.Plural}").WithTags($"Admin: {kind.Plural}").WithMetadata(kind);

        posts.MapGet("/", ListPostsForEditors)
            .WithName(kind.Operation(nameof(ListPostsForEditors)))
            .WithSummary($"List {kind.Plural} of every status")
            .WithDescription("Most recently changed first. Only the editions the key may touch; filter by edition, status, author, tag and title text.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        posts.MapGet("/{id:long}", GetPostForEditors)
            .WithName(kind.Operation(nameof(GetPostForEditors)))
            .WithSummary($"Get a {kind.Name} of any status")
            .WithDescription("The response's ETag is the post's version, for If-Match on later writes.")
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return admin;
    }

    private const string Columns = """
        SELECT p.id, p.kind, p.edition, p.slug, p.status, p.published_at, p.title, a.slug AS author,
               coalesce((SELECT array_agg(t.slug ORDER BY pt.position) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
                         WHERE pt.post_id = p.id), '{}') AS tags,
               p.translation_key, p.version, p.created_at, p.updated_at
        """;

    // Optional filters in one statement: an editors' list, read now and then, not a public hot path.
    // The edition list is always bound, so the edition/updated_at index leads; the title filter uses trigrams.
    private const string Filters = """
        WHERE p.edition = ANY(@Editions) AND p.kind = @Kind
          AND (p.status = @Status OR @Status::text IS NULL AND p.status <> 'trashed')
          AND (@AuthorId::bigint IS NULL OR p.author_id = @AuthorId)
          AND (@TagId::bigint IS NULL OR EXISTS (SELECT 1 FROM post_tags f WHERE f.post_id = p.id AND f.tag_id = @TagId))
          AND (@Text::text IS NULL OR p.title ILIKE '%' || replace(replace(replace(@Text, '\', '\\'), '%', '\%'), '_', '\_') || '%')
        """;

    internal const string ListSql = $"""
        SELECT count(*) FROM posts p {Filters};
        {Columns}
        FROM posts p LEFT JOIN authors a ON a.id = p.author_id
        {Filters}
        ORDER BY p.updated_at DESC, p.id DESC
        LIMIT @Limit OFFSET @Offset;
        """;

    internal const string ByIdSql = $"""
        {Columns}, p.excerpt, p.body_html, p.byline, p.featured_media_id
        FROM posts p LEFT JOIN authors a ON a.id = p.author_id
        WHERE p.id = @Id
        """;

    public static async Task<Results<Ok<ListEnvelope<AdminPostSummary>>, ProblemHttpResult, ValidationProblem>> ListPostsForEditors(
        [Description("Page number, from 1. Default 1.")] QueryInteger? page,
        [Description("Posts per page, from 1 to the configured maximum. Default 10.")] QueryInteger? perPage,
        [Description("Only this edition (one the key may touch).")] string? edition,
        [Description("Only this status: draft, scheduled, published, or trashed (the trash, otherwise left out).")] string? status,
        [Description("Only posts by this author slug.")] string? author,
        [Description("Only posts with this tag slug (needs edition).")] string? tag,
        [Description("Only posts whose title contains this text (case-insensitive).")] string? q,
        HttpContext http,
        NpgsqlDataSource db,
        IOptions<CmsOptions> options,
        CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        if (PageRequest.Invalid(page, perPage, options.Value, out var paging) is { } invalid)
        {
            return invalid;
        }

        if (status is not null && !Statuses.Contains(status, StringComparer.Ordinal))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["status"] = [$"status must be one of {string.Join(", ", Statuses)}; got '{status}'."] },
                title: "Invalid query parameters");
        }

        if (tag is not null && edition is null)
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["tag"] = ["tag needs edition: tag slugs are per edition."] },
                title: "Invalid query parameters");
        }

        if (edition is not null && !key.MayTouch(edition))
        {
            return EditorialProblems.EditionForbidden(key, edition);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var filter = await conn.QuerySingleAsync<PostFilterRow>(new CommandDefinition(PostQueries.ResolveFilter, new
        {
            Edition = edition ?? "",
            Tag = tag is null ? null : Slug.Canonical(tag),
            Author = author is null ? null : Slug.Canonical(author),
        }, cancellationToken: ct));
        if (edition is not null && !filter.EditionExists)
        {
            return Problems.EditionNotFound(edition);
        }

        if (tag is not null && filter.TagId is null)
        {
            return Problems.TagNotFound(edition!, tag);
        }

        if (author is not null && filter.AuthorId is null)
        {
            return Problems.AuthorNotFound(author);
        }

        var editions = edition is not null ? [edition] : key.Editions
            ?? (await conn.QueryAsync<string>(new CommandDefinition("SELECT code FROM editions", cancellationToken: ct))).ToArray();
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition(ListSql, new
        {
            Editions = editions,
            Kind = PostKind.Of(http).Name,
            Status = status,
            filter.AuthorId,
            filter.TagId,
            Text = string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            Limit = paging.Size,
            paging.Offset,
        }, cancellationToken: ct));
        var total = await results.ReadSingleAsync<long>();
        var items = (await results.ReadAsync<AdminPostSummary>()).ToArray();
        return TypedResults.Ok(ListEnvelope.Create(items, paging, total, http.Request));
    }

    public static async Task<Results<Ok<AdminPost>, ProblemHttpResult>> GetPostForEditors(
        [Description("The post's id.")] long id, HttpContext http, NpgsqlDataSource db, CancellationToken ct)
    {
        var key = EditorKey.From(http.User);
        await using var conn = await db.OpenConnectionAsync(ct);
        var post = await conn.QuerySingleOrDefaultAsync<AdminPost>(new CommandDefinition(ByIdSql, new { Id = id }, cancellationToken: ct));
        var kind = PostKind.Of(http);
        if (post is null || post.Kind != kind.Name)
        {
            return EditorialProblems.NotFound($"{kind.Title} not found", $"There is no {kind.Name} with id {id}.");
        }

        if (!key.MayTouch(post.Edition))
        {
            return EditorialProblems.EditionForbidden(key, post.Edition);
        }

        http.Response.Headers.ETag = $"\"{post.Version}\"";
        return TypedResults.Ok(post);
    }
}
