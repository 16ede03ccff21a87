using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Posts;

internal static class PostEndpoints
{
    public static RouteGroupBuilder MapPosts(this RouteGroupBuilder v1)
    {
        var posts = v1.MapGroup("/{edition}/posts").WithTags("Posts");

        posts.MapGet("/", ListPosts)
            .WithName(nameof(ListPosts))
            .WithSummary("List published posts, newest first")
            .WithDescription("Paged with page and perPage; filter by tag and/or author slug. Ties in publishedAt are ordered by id, newest first.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        posts.MapGet("/{slug}", GetPost)
            .WithName(nameof(GetPost))
            .WithSummary("Get one published post")
            .WithDescription("The full post with bodyHtml and its newer/older neighbours in the edition. Unicode slugs may be sent raw or percent-encoded. A slug the post had before it was renamed answers 301 with the current URL.")
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return v1;
    }

    public static async Task<Results<Ok<ListEnvelope<PostSummary>>, ProblemHttpResult, ValidationProblem>> ListPosts(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("Page number, from 1. Default 1.")] QueryInteger? page,
        [Description("Posts per page, from 1 to the configured maximum (100 unless Cms__MaxPageSize says otherwise). Default 10.")] QueryInteger? perPage,
        [Description("Only posts carrying this tag slug of the edition.")] string? tag,
        [Description("Only posts by this author slug.")] string? author,
        HttpRequest request,
        NpgsqlDataSource db,
        IOptions<CmsOptions> options,
        CancellationToken ct)
    {
        if (PageRequest.Invalid(page, perPage, options.Value, out var paging) is { } invalid)
        {
            return invalid;
        }

        tag = string.IsNullOrWhiteSpace(tag) ? null : Slug.Canonical(tag);
        author = string.IsNullOrWhiteSpace(author) ? null : Slug.Canonical(author);

        await using var conn = await db.OpenConnectionAsync(ct);
        var filter = new PostFilterRow(EditionExists: true, TagId: null, AuthorId: null);
        if (tag is not null || author is not null)
        {
            filter = await conn.QuerySingleAsync<PostFilterRow>(new CommandDefinition(
                PostQueries.ResolveFilter, new { Edition = edition, Tag = tag, Author = author }, cancellationToken: ct));
            if (!filter.EditionExists)
            {
                return Problems.EditionNotFound(edition);
            }

            if (tag is not null && filter.TagId is null)
            {
                return Problems.TagNotFound(edition, tag);
            }

            if (author is not null && filter.AuthorId is null)
            {
                return Problems.AuthorNotFound(author);
            }
        }

        long? total;
        PostSummaryRow[] rows;
        await using (var results = await conn.QueryMultipleAsync(new CommandDefinition(
            PostQueries.List(filter),
            new { Edition = edition, filter.TagId, filter.AuthorId, Limit = paging.Size, paging.Offset },
            cancellationToken: ct)))
        {
            total = await results.ReadSingleOrDefaultAsync<long?>();
            rows = (await results.ReadAsync<PostSummaryRow>()).ToArray();
        }

        // The unfiltered total comes from the edition's row, so no row means no such edition.
        if (total is null)
        {
            return Problems.EditionNotFound(edition);
        }

        // The page's featured media in one more query, whatever the page size.
        var media = await MediaQueries.ByIdsAsync(conn, rows.Select(r => r.FeaturedMediaId).OfType<long>(), edition, ct);
        var items = rows.Select(row => row.ToSummary(media)).ToArray();
        return TypedResults.Ok(ListEnvelope.Create(items, paging, total.Value, request));
    }

    public static async Task<Results<Ok<Post>, RedirectHttpResult, ProblemHttpResult>> GetPost(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("The post's slug in that edition.")] string slug,
        NpgsqlDataSource db,
        CancellationToken ct)
    {
        slug = Slug.Canonical(slug);
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<PostRow>(new CommandDefinition(
            PostQueries.BySlug, new { Edition = edition, Slug = slug }, cancellationToken: ct));
        if (row is not null)
        {
            var media = await MediaQueries.ByIdsAsync(conn, row.FeaturedMediaId is { } mediaId ? [mediaId] : [], edition, ct);
            return TypedResults.Ok(row.ToPost(media));
        }

        if (await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            PostQueries.RedirectedSlug, new { Edition = edition, Slug = slug }, cancellationToken: ct)) is { } current)
        {
            return TypedResults.Redirect($"/v1/{Uri.EscapeDataString(edition)}/posts/{Uri.EscapeDataString(current)}", permanent: true);
        }

        var editionExists = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            EditionEndpoints.ExistsSql, new { Edition = edition }, cancellationToken: ct));
        return editionExists ? Problems.PostNotFound(edition, slug) : Problems.EditionNotFound(edition);
    }
}
