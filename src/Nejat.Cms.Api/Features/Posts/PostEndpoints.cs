using System.ComponentModel;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Features.Search;
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
            .WithDescription("Paged with page and perPage; filter by tag and/or author slug, and by publishedAt with from (inclusive) and to (exclusive). "
                + "Ties in publishedAt are ordered by id, newest first. Each post has its displayDate in the edition's calendar, digits and time zone, "
                + "and its language and direction.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        posts.MapGet("/{slug}", GetPost)
            .WithName(nameof(GetPost))
            .WithSummary("Get one published post")
            .WithDescription("The full post with bodyHtml and its newer/older neighbours in the edition. Unicode slugs may be sent raw or percent-encoded. A slug the post had before it was renamed answers 301 with the current URL.")
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status404NotFound);

        posts.MapGet("/{slug}/related", RelatedPostEndpoints.ListRelatedPosts)
            .WithName(nameof(RelatedPostEndpoints.ListRelatedPosts))
            .WithSummary("List posts related to a published post")
            .WithDescription("Other published posts of the edition that share tags with this one, most shared tags first, then newest; "
                + "each of the post's tags offers its newest " + PostQueries.RelatedPerTag + " posts. When fewer than limit share a tag, "
                + "the edition's newest posts fill the list. Never the post itself, drafts, scheduled posts or pages. "
                + "A slug the post had before it was renamed answers 301 with the current URL.")
            .Produces(StatusCodes.Status301MovedPermanently)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return v1;
    }

    public static async Task<Results<Ok<ListEnvelope<PostSummary>>, ProblemHttpResult, ValidationProblem>> ListPosts(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("Page number, from 1, for numbered \"Older Posts\" pages; links then stay numbered. Not with cursor.")] QueryInteger? page,
        [Description("Posts per page, from 1 to the configured maximum (100 unless Cms__MaxPageSize says otherwise). Default 10.")] QueryInteger? perPage,
        [Description("Only posts carrying this tag slug of the edition.")] string? tag,
        [Description("Only posts by this author slug.")] string? author,
        [Description("Opaque cursor from links.next or links.prev of an earlier answer: the same cost at any depth, and no post skipped or repeated when posts are published meanwhile. Without page or cursor the links carry cursors.")] string? cursor,
        [Description("false skips the exact total (page.totalItems and page.totalPages are then null). Default true.")] string? count,
        [Description("Only posts published at or after this: an ISO 8601 instant with Z or an offset (2026-11-01T00:00:00Z; send + as %2B), or a date (2026-11-01), which begins at midnight in the edition's time zone. An archive month's from and to select exactly its posts.")] string? from,
        [Description("Only posts published before this (exclusive), written as from is. Must be later than from.")] string? to,
        [Description("Only posts matching these words, as GET /v1/{edition}/search matches them (up to 200 characters), title matches first, then newest; pages are numbered (no cursor). Empty means no search.")] string? q,
        HttpRequest request,
        NpgsqlDataSource db,
        PostPageAnchors anchors,
        IOptions<CmsOptions> options,
        CancellationToken ct)
    {
        if (PageRequest.Invalid(page, perPage, options.Value, out var paging) is { } invalid)
        {
            return invalid;
        }

        if (PostCursor.Invalid(page, cursor, count, out var position, out var withTotal) is { } badCursor)
        {
            return badCursor;
        }

        var searching = !string.IsNullOrWhiteSpace(q);
        if (searching && SearchErrors(q, cursor) is { } badSearch)
        {
            return badSearch;
        }

        if (PublishedRange.Invalid(from, to, out var bounds) is { } badRange)
        {
            return badRange;
        }

        tag = string.IsNullOrWhiteSpace(tag) ? null : Slug.Canonical(tag);
        author = string.IsNullOrWhiteSpace(author) ? null : Slug.Canonical(author);

        await using var conn = await db.OpenConnectionAsync(ct);
        var filter = new PostFilterRow(EditionExists: true, TagId: null, AuthorId: null);
        PublishedRange? range = null;
        // Filters need their ids, and a range the edition's time zone (for date-only bounds): one round trip.
        var resolved = tag is not null || author is not null || bounds.Any;
        if (resolved)
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

            if (bounds.Any)
            {
                if (PublishedRange.Empty(bounds, TimeZoneInfo.FindSystemTimeZoneById(filter.TimeZone!), out var given) is { } emptyRange)
                {
                    return emptyRange;
                }

                range = given;
            }
        }

        if (searching)
        {
            return await SearchPostsAsync(conn, edition, q!.Trim(), filter, range, paging, request, ct);
        }

        // A deep numbered page starts after a remembered post when it can (PostPageAnchors); else it
        // reads one post more in front, to remember it for the next visit.
        var (query, offset, learn) = (position, paging.Offset, false);
        var anchorKey = position.Mode == PostListMode.Numbered ? anchors.KeyFor(edition, filter, range, paging.Offset) : null;
        if (anchorKey is not null)
        {
            (query, offset, learn) = anchors.TryGet(anchorKey, out var anchor)
                ? (new PostListPosition(PostListMode.Older, anchor.At, anchor.Id), 0, false)
                : (position, paging.Offset - 1, true);
        }

        long? total = null;
        List<PostSummaryRow> rows;
        await using (var results = await conn.QueryMultipleAsync(new CommandDefinition(
            PostQueries.List(filter, range is not null, query.Mode, withTotal),
            new
            {
                Edition = edition, filter.TagId, filter.AuthorId, From = range?.From, To = range?.To,
                Limit = paging.Size + 1 + (learn ? 1 : 0), Offset = offset, query.At, query.AfterId,
            },
            cancellationToken: ct)))
        {
            if (withTotal)
            {
                // The unfiltered total comes from the edition's row, so no row means no such edition.
                if (await results.ReadSingleOrDefaultAsync<long?>() is not { } counted)
                {
                    return Problems.EditionNotFound(edition);
                }

                total = counted;
            }

            rows = (await results.ReadAsync<PostSummaryRow>()).ToList();
        }

        if (learn && rows.Count > 0)
        {
            anchors.Remember(anchorKey, rows[0]);
            rows.RemoveAt(0);
        }

        if (anchorKey is not null && rows.Count >= paging.Size)
        {
            anchors.Remember(anchors.KeyFor(edition, filter, range, paging.Offset + paging.Size), rows[paging.Size - 1]);
        }

        if (rows.Count == 0 && !withTotal && !resolved
            && !await conn.ExecuteScalarAsync<bool>(new CommandDefinition(EditionEndpoints.ExistsSql, new { Edition = edition }, cancellationToken: ct)))
        {
            return Problems.EditionNotFound(edition);
        }

        // One row more than the page says that another page follows (further back in time, or for
        // a page reached towards newer posts, further forward: that extra row comes first).
        var more = rows.Count > paging.Size;
        var pageRows = (position.Mode == PostListMode.Newer ? rows.Skip(rows.Count - Math.Min(rows.Count, paging.Size)) : rows.Take(paging.Size)).ToArray();
        // The page's featured media in one more query, whatever the page size.
        var media = await MediaQueries.ByIdsAsync(conn, pageRows.Select(r => r.FeaturedMediaId).OfType<long>(), edition, ct);
        var items = pageRows.Select(row => row.ToSummary(media)).ToArray();
        request.HttpContext.AddSurrogateKeys(items.SelectMany(SurrogateKeys));
        return TypedResults.Ok(PostCursor.Envelope(items, paging, position, page, total, more, request));
    }

    public static async Task<Results<Ok<Post>, RedirectHttpResult, ProblemHttpResult>> GetPost(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("The post's slug in that edition.")] string slug,
        HttpContext http,
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
            var post = row.ToPost(media);
            http.AddSurrogateKeys(SurrogateKeys(post));
            return TypedResults.Ok(post);
        }

        if (await CurrentSlugAsync(conn, edition, slug, ct) is { } current)
        {
            return TypedResults.Redirect($"/v1/{Uri.EscapeDataString(edition)}/posts/{Uri.EscapeDataString(current)}", permanent: true);
        }

        return await NotFoundAsync(conn, edition, slug, ct);
    }

    /// <summary>The current slug of a published post that had this one before it was renamed, or null.</summary>
    internal static Task<string?> CurrentSlugAsync(NpgsqlConnection conn, string edition, string slug, CancellationToken ct) =>
        conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            PostQueries.RedirectedSlug, new { Edition = edition, Slug = slug }, cancellationToken: ct));

    /// <summary>The 404 of a slug that names no published post: no such post, or no such edition.</summary>
    internal static async Task<ProblemHttpResult> NotFoundAsync(NpgsqlConnection conn, string edition, string slug, CancellationToken ct)
    {
        var editionExists = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            EditionEndpoints.ExistsSql, new { Edition = edition }, cancellationToken: ct));
        return editionExists ? Problems.PostNotFound(edition, slug) : Problems.EditionNotFound(edition);
    }

    private static ValidationProblem? SearchErrors(string? q, string? cursor)
    {
        var errors = SearchEndpoints.QueryErrors(q, "q");
        if (!string.IsNullOrEmpty(cursor))
        {
            errors["cursor"] = ["Search results are ranked, not dated: page through them with page, not cursor."];
        }

        return Problems.InvalidQuery(errors);
    }

    /// <summary>The posts list with q: search results (posts only, within the tag, author and date filters) as summaries.</summary>
    private static async Task<Results<Ok<ListEnvelope<PostSummary>>, ProblemHttpResult, ValidationProblem>> SearchPostsAsync(
        NpgsqlConnection conn, string edition, string q, PostFilterRow filter, PublishedRange? range, PageRequest paging, HttpRequest request, CancellationToken ct)
    {
        if (await SearchEndpoints.FindAsync(conn, edition, q, new SearchFilter(PostsOnly: true, filter.TagId, filter.AuthorId, range?.From, range?.To), paging, ct) is not var (rows, total))
        {
            return Problems.EditionNotFound(edition);
        }

        var media = await MediaQueries.ByIdsAsync(conn, rows.Select(r => r.FeaturedMediaId).OfType<long>(), edition, ct);
        var items = rows.Select(row => row.ToSummary(media)).ToArray();
        request.HttpContext.AddSurrogateKeys(items.SelectMany(SurrogateKeys));
        return TypedResults.Ok(ListEnvelope.Create(items, paging, total, request));
    }

    /// <summary>What a post in an answer shows: itself, its tags and its author.</summary>
    internal static IEnumerable<string> SurrogateKeys(PostSummary post) =>
        post.Tags.Select(t => $"tag:{post.Edition}/{PublicCaching.KeyPart(t.Slug)}")
            .Prepend($"post:{post.Id}")
            .Concat(post.Author is { } author ? [$"author:{PublicCaching.KeyPart(author.Slug)}"] : []);
}
