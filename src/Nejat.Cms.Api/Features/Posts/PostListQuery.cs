using System.ComponentModel;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Nejat.Cms.Api.Features.Search;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>The query parameters of the public posts list, bound with [AsParameters], checked in one place.</summary>
public sealed record PostListQuery(
    [property: FromQuery(Name = "page"), Description("Page number, from 1, for numbered \"Older Posts\" pages; links then stay numbered. Not with cursor.")] QueryInteger? Page,
    [property: FromQuery(Name = "perPage"), Description("Posts per page, from 1 to the configured maximum (100 unless Cms__MaxPageSize says otherwise). Default 10.")] QueryInteger? PerPage,
    [property: FromQuery(Name = "tag"), Description("Only posts carrying this tag slug of the edition.")] string? Tag,
    [property: FromQuery(Name = "author"), Description("Only posts by this author slug.")] string? Author,
    [property: FromQuery(Name = "cursor"), Description("Opaque cursor from links.next or links.prev of an earlier answer: the same cost at any depth, and no post skipped or repeated when posts are published meanwhile. Without page or cursor the links carry cursors.")] string? Cursor,
    [property: FromQuery(Name = "count"), Description("false skips the exact total (page.totalItems and page.totalPages are then null). Default true.")] string? Count,
    [property: FromQuery(Name = "from"), Description("Only posts published at or after this: an ISO 8601 instant with Z or an offset (2026-11-01T00:00:00Z; send + as %2B), or a date (2026-11-01), which begins at midnight in the edition's time zone. An archive month's from and to select exactly its posts.")] string? From,
    [property: FromQuery(Name = "to"), Description("Only posts published before this (exclusive), written as from is. Must be later than from.")] string? To,
    [property: FromQuery(Name = "q"), Description("Only posts matching these words, as GET /v1/{edition}/search matches them (up to 200 characters), title matches first, then newest; pages are numbered (no cursor); beyond 1,000 matches the totals are null. Empty means no search.")] string? Q)
{
    /// <summary>The list asked for, or the 400 naming each bad parameter (paging first, then the cursor, the search, the range).</summary>
    internal ValidationProblem? Invalid(CmsOptions options, out PostListRequest request)
    {
        request = default!;
        if (PageRequest.Invalid(Page, PerPage, options, out var paging) is { } invalid)
        {
            return invalid;
        }

        if (PostCursor.Invalid(Page, Cursor, Count, out var position, out var withTotal) is { } badCursor)
        {
            return badCursor;
        }

        var search = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim();
        if (search is not null && SearchErrors() is { } badSearch)
        {
            return badSearch;
        }

        if (PublishedRange.Invalid(From, To, out var bounds) is { } badRange)
        {
            return badRange;
        }

        request = new PostListRequest(paging, position, Page is { IsEmpty: false }, withTotal, bounds,
            string.IsNullOrWhiteSpace(Tag) ? null : Slug.Canonical(Tag), string.IsNullOrWhiteSpace(Author) ? null : Slug.Canonical(Author), search);
        return null;
    }

    private ValidationProblem? SearchErrors()
    {
        var errors = SiteSearch.QueryErrors(Q, "q");
        if (!string.IsNullOrEmpty(Cursor))
        {
            errors["cursor"] = ["Search results are ranked, not dated: page through them with page, not cursor."];
        }

        return Problems.InvalidQuery(errors);
    }
}

/// <summary>A checked posts-list request: the page (by number or cursor), whether to count, the filters as given.</summary>
internal sealed record PostListRequest(
    PageRequest Paging, PostListPosition Position, bool Numbered, bool WithTotal, PublishedRange.Bounds Bounds, string? Tag, string? Author, string? Search);
