using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Authors;

/// <summary>An author, shared by all editions; postCount counts published posts in every edition.</summary>
public sealed record Author(string Slug, string Name, long PostCount);

internal static class AuthorEndpoints
{
    public static RouteGroupBuilder MapAuthors(this RouteGroupBuilder v1)
    {
        var authors = v1.MapGroup("/authors").WithTags("Authors");

        authors.MapGet("/", ListAuthors)
            .WithName(nameof(ListAuthors))
            .WithSummary("List authors")
            .WithDescription("Alphabetical by name, paged, each with the number of their published posts.");

        authors.MapGet("/{slug}", GetAuthor)
            .WithName(nameof(GetAuthor))
            .WithSummary("Get one author")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return v1;
    }

    // Post counts come from the author index, for the page's authors only.
    private const string Columns = """
        SELECT a.slug, a.name,
               (SELECT count(*) FROM posts p WHERE p.author_id = a.id AND p.status = 'published' AND p.kind = 'post') AS post_count
        """;

    internal const string ListSql = $"""
        SELECT count(*) FROM authors;
        {Columns}
        FROM authors a
        ORDER BY a.name COLLATE "und-x-icu", a.id
        LIMIT @Limit OFFSET @Offset;
        """;

    internal const string BySlugSql = $"""
        {Columns}
        FROM authors a
        WHERE a.slug = @Slug
        """;

    public static async Task<Results<Ok<ListEnvelope<Author>>, ValidationProblem>> ListAuthors(
        [AsParameters] PageQuery paging, HttpRequest request, NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct)
    {
        if (paging.Invalid(options.Value, out var page) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var list = await ListEnvelope.ReadAsync<Author>(conn, ListSql, null, page, request, ct);
        request.HttpContext.AddSurrogateKeys(list.Items.Select(a => $"author:{PublicCaching.KeyPart(a.Slug)}"));
        return TypedResults.Ok(list);
    }

    public static async Task<Results<Ok<Author>, ProblemHttpResult>> GetAuthor(
        [Description("The author's slug.")] string slug,
        NpgsqlDataSource db,
        CancellationToken ct)
    {
        slug = Slug.Canonical(slug);
        await using var conn = await db.OpenConnectionAsync(ct);
        var author = await conn.QuerySingleOrDefaultAsync<Author>(new CommandDefinition(
            BySlugSql, new { Slug = slug }, cancellationToken: ct));
        return author is null ? Problems.AuthorNotFound(slug) : TypedResults.Ok(author);
    }
}
