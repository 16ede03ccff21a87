using System.ComponentModel.DataAnnotations;
using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Posts;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Pages;

/// <summary>A published static page (About Us, Contact …) with its edition's language and script direction.</summary>
public sealed record Page
{
    public required long Id { get; init; }
    public required string Edition { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required string Excerpt { get; init; }
    public required string BodyHtml { get; init; }
    public required DateTime PublishedAt { get; init; }
    public required DateTime UpdatedAt { get; init; }
    /// <summary>The edition's locale (BCP 47), e.g. fa-IR: for the lang attribute.</summary>
    public required string Language { get; init; }
    /// <summary>ltr or rtl: for the dir attribute.</summary>
    [AllowedValues("ltr", "rtl")]
    public required string Direction { get; init; }
    public required IReadOnlyList<TranslationRef> Translations { get; init; }
}

/// <summary>
/// Pages are rows of posts with kind 'page': the admin API is the posts' own, mapped under
/// /v1/admin/pages; the public API has one read by slug, outside every post list.
/// </summary>
internal static class PageEndpoints
{
    public static RouteGroupBuilder MapPages(this RouteGroupBuilder v1)
    {
        v1.MapGet("/{edition}/pages/{slug}", GetPage)
            .WithName(nameof(GetPage))
            .WithTags("Pages")
            .WithSummary("Get one published page")
            .WithDescription("A static page such as About Us, with bodyHtml, its edition's language and direction, and its translations. Unicode slugs may be sent raw or percent-encoded. A slug the page had before it was renamed answers 301 with the current URL.")
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    public static RouteGroupBuilder MapPageAdmin(this RouteGroupBuilder admin) =>
        admin.MapPostAdmin(PostKind.Page).MapPostEditing(PostKind.Page);

    internal const string BySlugSql = """
        SELECT p.id, p.edition, p.slug, p.title, p.excerpt, p.body_html, p.published_at, p.updated_at,
               e.locale AS language, e.direction, tr.translation_editions, tr.translation_slugs
        FROM posts p
        JOIN editions e ON e.code = p.edition
        LEFT JOIN LATERAL (
            SELECT array_agg(o.edition ORDER BY oe.position, oe.code) AS translation_editions,
                   array_agg(o.slug ORDER BY oe.position, oe.code) AS translation_slugs
            FROM posts o JOIN editions oe ON oe.code = o.edition
            WHERE o.translation_key = p.translation_key AND o.id <> p.id AND o.status = 'published') tr ON true
        WHERE p.edition = @Edition AND p.slug = @Slug AND p.status = 'published' AND p.kind = 'page'
        """;

    public static async Task<Results<Ok<Page>, RedirectHttpResult, ProblemHttpResult>> GetPage(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("The page's slug in that edition, e.g. `درباره-ما`.")] string slug,
        NpgsqlDataSource db,
        CancellationToken ct)
    {
        slug = Slug.Canonical(slug);
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<PageRow>(new CommandDefinition(
            BySlugSql, new { Edition = edition, Slug = slug }, cancellationToken: ct));
        if (row is not null)
        {
            return TypedResults.Ok(row.ToPage());
        }

        return await PostQueries.CurrentSlugAsync(conn, PostKind.Page, edition, slug, ct) is { } current
            ? TypedResults.Redirect($"/v1/{Uri.EscapeDataString(edition)}/pages/{Uri.EscapeDataString(current)}", permanent: true)
            : Problems.PageNotFound(edition, slug);
    }

    private sealed record PageRow
    {
        public long Id { get; init; }
        public string Edition { get; init; } = "";
        public string Slug { get; init; } = "";
        public string Title { get; init; } = "";
        public string Excerpt { get; init; } = "";
        public string BodyHtml { get; init; } = "";
        public DateTime PublishedAt { get; init; }
        public DateTime UpdatedAt { get; init; }
        public string Language { get; init; } = "";
        public string Direction { get; init; } = "";
        public string[]? TranslationEditions { get; init; }
        public string[]? TranslationSlugs { get; init; }

        public Page ToPage() => new()
        {
            Id = Id, Edition = Edition, Slug = Slug, Title = Title, Excerpt = Excerpt, BodyHtml = BodyHtml,
            PublishedAt = PublishedAt, UpdatedAt = UpdatedAt, Language = Language, Direction = Direction,
            Translations = PostMapping.Translations(TranslationEditions, TranslationSlugs),
        };
    }
}
