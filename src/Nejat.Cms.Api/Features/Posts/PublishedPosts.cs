using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Features.Search;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>
/// Reads published posts for the public API: lists (numbered, by cursor, filtered, searched), one post
/// by slug, and related posts. Every answer names its posts, tags and authors for the CDN's Surrogate-Key.
/// </summary>
internal sealed class PublishedPosts(NpgsqlDataSource db, PostPageAnchors anchors)
{
    public const int DefaultRelated = 5;
    public const int MaxRelated = 20;

    public async Task<Results<Ok<ListEnvelope<PostSummary>>, ProblemHttpResult, ValidationProblem>> ListAsync(
        string edition, PostListRequest list, HttpRequest request, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var filter = new PostFilterRow(TagId: null, AuthorId: null);
        PublishedRange? range = null;
        // Search needs the filters' ids, and a range the edition's time zone (for date-only bounds): one
        // round trip before. A list without either finds its filters in its own round trip (PageAsync).
        if (list.Bounds.Any || (list.Search is not null && (list.Tag is not null || list.Author is not null)))
        {
            filter = await conn.QuerySingleAsync<PostFilterRow>(new CommandDefinition(
                PostQueries.ResolveFilter, new { Edition = edition, list.Tag, list.Author }, cancellationToken: ct));
            if (FilterNotFound(edition, list, filter) is { } notFound)
            {
                return notFound;
            }

            if (list.Bounds.Any)
            {
                if (PublishedRange.Empty(list.Bounds, TimeZoneInfo.FindSystemTimeZoneById(filter.TimeZone!), out var given) is { } emptyRange)
                {
                    return emptyRange;
                }

                range = given;
            }
        }

        if (list.Search is { } q)
        {
            return TypedResults.Ok(await SearchAsync(conn, edition, q, filter, range, list.Paging, request, ct));
        }

        return await PageAsync(conn, edition, list, range, request, ct);
    }

    /// <summary>The 404 of a tag or author slug that matched nothing (the tag first), or null.</summary>
    private static ProblemHttpResult? FilterNotFound(string edition, PostListRequest list, PostFilterRow filter) =>
        list.Tag is not null && filter.TagId is null ? Problems.TagNotFound(edition, list.Tag)
        : list.Author is not null && filter.AuthorId is null ? Problems.AuthorNotFound(list.Author)
        : null;

    /// <summary>A page of the list, or the 404 of its tag or author.</summary>
    private async Task<Results<Ok<ListEnvelope<PostSummary>>, ProblemHttpResult, ValidationProblem>> PageAsync(
        NpgsqlConnection conn, string edition, PostListRequest list, PublishedRange? range, HttpRequest request, CancellationToken ct)
    {
        var (paging, position) = (list.Paging, list.Position);
        var (withTag, byAuthor) = (list.Tag is not null, list.Author is not null);
        // A deep numbered page starts after a remembered post when it can (PostPageAnchors); else it
        // reads one post more in front, to remember it for the next visit.
        var (query, offset, learn) = (position, paging.Offset, false);
        var anchorKey = position.Mode == PostListMode.Numbered ? anchors.KeyFor(edition, list.Tag, list.Author, range, paging.Offset) : null;
        if (anchorKey is not null)
        {
            (query, offset, learn) = anchors.TryGet(anchorKey, out var anchor)
                ? (new PostListPosition(PostListMode.Older, anchor.At, anchor.Id), 0, false)
                : (position, paging.Offset - 1, true);
        }

        long? total = null;
        List<PostSummaryRow> rows;
        await using (var results = await conn.QueryMultipleAsync(new CommandDefinition(
            PostQueries.List(withTag, byAuthor, range is not null, query.Mode, list.WithTotal, limit: paging.Size + 1 + (learn ? 1 : 0), offset),
            new { Edition = edition, list.Tag, list.Author, From = range?.From, To = range?.To, query.At, query.AfterId, Offset = offset },
            cancellationToken: ct)))
        {
            // Without a range the statements begin with the filters' lookup (PostQueries.List).
            if ((withTag || byAuthor) && range is null
                && FilterNotFound(edition, list, await results.ReadSingleAsync<PostFilterRow>()) is { } notFound)
            {
                return notFound;
            }

            if (list.WithTotal)
            {
                total = await results.ReadSingleAsync<long>();
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
            anchors.Remember(anchors.KeyFor(edition, list.Tag, list.Author, range, paging.Offset + paging.Size), rows[paging.Size - 1]);
        }

        // One row more than the page says that another page follows (further back in time, or for
        // a page reached towards newer posts, further forward: that extra row comes first).
        var more = rows.Count > paging.Size;
        var pageRows = (position.Mode == PostListMode.Newer ? rows.Skip(rows.Count - Math.Min(rows.Count, paging.Size)) : rows.Take(paging.Size)).ToArray();
        var items = await SummariesAsync(conn, edition, pageRows, request, ct);
        return TypedResults.Ok(PostCursor.Envelope(items, paging, position, list.Numbered, total, more, request));
    }

    /// <summary>The posts list with q: search results (posts only, within the tag, author and date filters) as summaries.</summary>
    private static async Task<ListEnvelope<PostSummary>> SearchAsync(
        NpgsqlConnection conn, string edition, string q, PostFilterRow filter, PublishedRange? range, PageRequest paging, HttpRequest request, CancellationToken ct)
    {
        var (rows, total) = await SiteSearch.FindAsync(conn, edition, q, new SearchFilter(PostsOnly: true, filter.TagId, filter.AuthorId, range?.From, range?.To), paging, ct);
        return total.Envelope(await SummariesAsync(conn, edition, rows, request, ct), paging, request);
    }

    public async Task<Results<Ok<Post>, RedirectHttpResult, ProblemHttpResult>> GetAsync(string edition, string slug, HttpRequest request, CancellationToken ct)
    {
        slug = Slug.Canonical(slug);
        await using var conn = await db.OpenConnectionAsync(ct);
        var row = await conn.QuerySingleOrDefaultAsync<PostRow>(new CommandDefinition(
            PostQueries.BySlug, new { Edition = edition, Slug = slug }, cancellationToken: ct));
        if (row is null)
        {
            return await RenamedOrNotFoundAsync<Post>(conn, edition, slug, "", ct);
        }

        var media = await MediaQueries.ByIdsAsync(conn, row.FeaturedMediaId is { } mediaId ? [mediaId] : [], edition, ct);
        var post = row.ToPost(media);
        request.HttpContext.AddSurrogateKeys(post.SurrogateKeys());
        return TypedResults.Ok(post);
    }

    /// <summary>Other published posts sharing the post's tags, most shared first, then newest; the edition's newest fill the rest.</summary>
    public async Task<Results<Ok<RelatedPostList>, RedirectHttpResult, ProblemHttpResult>> RelatedAsync(
        string edition, string slug, int limit, HttpRequest request, CancellationToken ct)
    {
        slug = Slug.Canonical(slug);
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await conn.QuerySingleOrDefaultAsync<long?>(new CommandDefinition(
                PostQueries.IdBySlug, new { Edition = edition, Slug = slug }, cancellationToken: ct)) is not { } postId)
        {
            return await RenamedOrNotFoundAsync<RelatedPostList>(conn, edition, slug, $"/related{request.QueryString}", ct);
        }

        var rows = (await conn.QueryAsync<PostSummaryRow>(new CommandDefinition(
            PostQueries.Related(limit), new { Edition = edition, PostId = postId }, cancellationToken: ct))).ToArray();
        var items = await SummariesAsync(conn, edition, rows, request, ct);
        // The answer also changes with the post's own tags.
        request.HttpContext.AddSurrogateKeys([$"post:{postId}"]);
        return TypedResults.Ok(new RelatedPostList(items));
    }

    /// <summary>A 301 to the post's current slug when it had this one before it was renamed; else the 404.</summary>
    private static async Task<Results<Ok<T>, RedirectHttpResult, ProblemHttpResult>> RenamedOrNotFoundAsync<T>(
        NpgsqlConnection conn, string edition, string slug, string rest, CancellationToken ct) =>
        await PostQueries.CurrentSlugAsync(conn, PostKind.Post, edition, slug, ct) is { } current
            ? TypedResults.Redirect($"/v1/{Uri.EscapeDataString(edition)}/posts/{Uri.EscapeDataString(current)}{rest}", permanent: true)
            : Problems.PostNotFound(edition, slug);

    /// <summary>Rows as summaries, their featured media read in one more query whatever their number; names them for the CDN.</summary>
    private static async Task<PostSummary[]> SummariesAsync(NpgsqlConnection conn, string edition, IReadOnlyCollection<PostSummaryRow> rows, HttpRequest request, CancellationToken ct)
    {
        var media = await MediaQueries.ByIdsAsync(conn, rows.Select(r => r.FeaturedMediaId).OfType<long>(), edition, ct);
        var items = rows.Select(row => row.ToSummary(media)).ToArray();
        request.HttpContext.AddSurrogateKeys(items.SelectMany(PostMapping.SurrogateKeys));
        return items;
    }
}
