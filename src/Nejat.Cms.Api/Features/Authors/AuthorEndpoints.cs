using System.ComponentModel;
using Dapper;
using Mapster;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Authors;

/// <summary>/v1/authors: the authors of every edition, for readers.</summary>
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
            .WithDescription("By slug, with the number of their published posts.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        return v1;
    }

    public static Task<Results<Ok<ListEnvelope<Author>>, ValidationProblem>> ListAuthors(
        [AsParameters] PageQuery paging, HttpRequest request, NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct) =>
        ListEnvelope.AnswerAsync<AuthorRow, Author>(db, AuthorQueries.List, null, paging, options.Value, request, ct,
            a => $"author:{PublicCaching.KeyPart(a.Slug)}");

    public static async Task<Results<Ok<Author>, ProblemHttpResult>> GetAuthor(
        [Description("The author's slug.")] string slug,
        NpgsqlDataSource db,
        CancellationToken ct)
    {
        slug = Slug.Canonical(slug);
        await using var conn = await db.OpenConnectionAsync(ct);
        var author = await conn.QuerySingleOrDefaultAsync<AuthorRow>(new CommandDefinition(AuthorQueries.BySlug, new { Slug = slug }, cancellationToken: ct));
        return author is null ? Problems.AuthorNotFound(slug) : TypedResults.Ok(author.Adapt<Author>(Mappings.Config));
    }
}
