using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>Where a post list page starts: by number, or just past a post (publishedAt, id) in either direction.</summary>
internal readonly record struct PostListPosition(PostListMode Mode, DateTime At, long AfterId);

/// <summary>
/// Keyset paging for post lists. A cursor names the post at the edge of the page it came from and
/// which way to go; the page is then one index range however deep it is.
/// </summary>
internal static class PostCursor
{
    private const char Older = 'o';
    private const char Newer = 'n';

    public static string Encode(char direction, PostSummary edge) => OpaqueToken.Encode(direction, edge.PublishedAt.Ticks, edge.Id);

    /// <summary>Reads cursor and count; a 400 naming each bad one, or null.</summary>
    public static ValidationProblem? Invalid(QueryInteger? page, string? cursor, string? count, out PostListPosition position, out bool withTotal)
    {
        var errors = new Dictionary<string, string[]>();
        position = new PostListPosition(PostListMode.Numbered, default, 0);
        if (!string.IsNullOrEmpty(cursor))
        {
            if (page is { IsEmpty: false })
            {
                errors["cursor"] = ["Give either page or cursor, not both."];
            }
            else if ((OpaqueToken.Decode(Older, 2, cursor), OpaqueToken.Decode(Newer, 2, cursor)) switch
            {
                ([var ticks, var id], _) => (PostListMode.Older, ticks, id),
                (_, [var ticks, var id]) => (PostListMode.Newer, ticks, id),
                _ => ((PostListMode, long, long)?)null,
            } is var (mode, at, afterId) && at is >= 0 and <= 3_155_378_975_999_999_999)
            {
                position = new PostListPosition(mode, new DateTime(at, DateTimeKind.Utc), afterId);
            }
            else
            {
                errors["cursor"] = ["cursor must be a cursor from links.next or links.prev of an earlier answer."];
            }
        }

        withTotal = true;
        if (!string.IsNullOrEmpty(count))
        {
            if (bool.TryParse(count, out var parsed))
            {
                withTotal = parsed;
            }
            else
            {
                errors["count"] = [$"count must be true or false; got '{count}'."];
            }
        }

        return Problems.InvalidQuery(errors);
    }

    /// <summary>
    /// The list envelope. Numbered pages (page given) link by number; every other page links by
    /// cursor. A page reached by cursor has no number.
    /// </summary>
    public static ListEnvelope<PostSummary> Envelope(
        PostSummary[] items, PageRequest paging, PostListPosition position, bool numbered, long? total, bool more, HttpRequest request)
    {
        int? totalPages = total is { } t ? (int)Math.Min(int.MaxValue, (t + paging.Size - 1) / paging.Size) : null;
        string? next;
        string? prev;
        if (position.Mode == PostListMode.Numbered && numbered)
        {
            next = more ? ListEnvelope.PageLink(request, paging.Number + 1, paging.Size) : null;
            prev = paging.Number > 1 && (totalPages is null or > 0)
                ? ListEnvelope.PageLink(request, Math.Min(paging.Number - 1, totalPages ?? int.MaxValue), paging.Size)
                : null;
        }
        else
        {
            var (hasOlder, hasNewer) = position.Mode switch
            {
                PostListMode.Numbered => (more, false),
                PostListMode.Older => (more, items.Length > 0),
                _ => (items.Length > 0, more),
            };
            next = hasOlder ? ListEnvelope.CursorLink(request, Encode(Older, items[^1]), paging.Size) : null;
            prev = hasNewer ? ListEnvelope.CursorLink(request, Encode(Newer, items[0]), paging.Size) : null;
        }

        var number = position.Mode == PostListMode.Numbered ? paging.Number : (int?)null;
        return new ListEnvelope<PostSummary>(items, new PageInfo(number, paging.Size, total, totalPages), new PageLinks(next, prev));
    }
}
