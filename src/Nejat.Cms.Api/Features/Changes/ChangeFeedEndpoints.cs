using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Changes;

/// <summary>One thing that changed: what it is, what happened to it, and where to read it now.</summary>
/// <param name="Kind">post, page, tag, author, settings, navigation, media, gallery or collection.</param>
/// <param name="Id">The thing's id, stable across renames (0 for settings and navigation, one per edition, and for the collections).</param>
/// <param name="Action">created, updated, unpublished or deleted (relative to the token given).</param>
/// <param name="ChangedAt">When the change was made.</param>
/// <param name="Slug">The current slug; null for unpublished and deleted things, settings and navigation.</param>
/// <param name="Href">The public URL to read it from; null for unpublished and deleted things.</param>
public sealed record Change(
    [property: AllowedValues("post", "page", "tag", "author", "settings", "navigation", "media", "gallery", "collection")] string Kind, long Id,
    [property: AllowedValues("created", "updated", "unpublished", "deleted")] string Action, DateTimeOffset ChangedAt, string? Slug, string? Href);

/// <summary>A page of changes in commit order, and the token to ask for what comes after them.</summary>
/// <param name="Items">The changes, oldest first; each thing appears once, at its latest change.</param>
/// <param name="Next">Pass as since to get what changed after these; unchanged when nothing did.</param>
/// <param name="HasMore">True when more changes are waiting: ask again with next straight away.</param>
/// <param name="Links">The URL of the next page.</param>
public sealed record ChangePage(IReadOnlyList<Change> Items, string Next, bool HasMore, ChangeLinks Links);

/// <summary>Links of a change page.</summary>
/// <param name="Next">The same request with since set to next.</param>
public sealed record ChangeLinks(string Next);

internal static class ChangeFeedEndpoints
{
    private const char TokenKind = 'c';
    private const int DefaultLimit = 100;
    private const int MaxLimit = 1000;

    public static RouteGroupBuilder MapChanges(this RouteGroupBuilder v1)
    {
        v1.MapGet("/{edition}/changes", ListChanges)
            .WithName(nameof(ListChanges))
            .WithTags("Changes")
            .WithSummary("What changed in an edition since a token")
            .WithDescription("""
                Posts, pages, tags, authors, settings, navigation, media, galleries and collections created, updated, unpublished or deleted since the token, oldest first, each
                thing once at its latest change. Start without since (everything public now, plus recent tombstones),
                keep next, and ask again with since=next; repeat while hasMore. Mirroring the edition means: for
                created/updated fetch href, for unpublished/deleted drop the thing by kind and id. Tombstones are kept
                for Cms__ChangeRetention (30 days by default); an older token answers 410 and the client starts over
                without since.
                """)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        return v1;
    }

    // The horizon (tokens older than it have lost tombstones: 410), then the page, in one round trip.
    // content_changes_feed_idx serves the range: the row comparison keeps a generic plan on it too
    // (with "seq > @Since" alone a generic plan prices the range as a third of every edition's changes
    // and walks content_changes_seq_key instead, 13 ms for a first page). Current slugs come from the
    // things themselves, one primary-key probe for the row's kind only: outer joins to the four tables
    // probed all four for every row and cost more to plan (1 ms) than to run. The limit is written in
    // (WrittenPage): as a parameter it had every call planned again.
    internal static string PageSql(int limit) => PageTemplate.WithPageWrittenIn(limit, offset: 0);

    private const string PageTemplate = """
        SELECT coalesce((SELECT seq FROM content_change_horizons WHERE edition = @Edition), 0);
        SELECT c.kind, c.entity_id AS id, c.action, c.seq, c.visible_from, c.changed_at,
               CASE WHEN c.action <> 'upserted' THEN NULL
                    WHEN c.kind IN ('post', 'page') THEN (SELECT p.slug FROM posts p WHERE p.id = c.entity_id)
                    WHEN c.kind = 'tag' THEN (SELECT t.slug FROM tags t WHERE t.id = c.entity_id)
                    WHEN c.kind = 'author' THEN (SELECT a.slug FROM authors a WHERE a.id = c.entity_id)
                    WHEN c.kind = 'gallery' THEN (SELECT g.slug FROM galleries g WHERE g.id = c.entity_id)
               END AS slug
        FROM content_changes c
        WHERE c.edition = @Edition AND (c.edition, c.seq) > (@Edition, @Since)
        ORDER BY c.seq
        LIMIT @Limit
        """;

    public static async Task<Results<Ok<ChangePage>, ProblemHttpResult, ValidationProblem>> ListChanges(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("The next token of the previous answer; omit to start from the beginning.")] string? since,
        [Description("Changes per answer, from 1 to 1000. Default 100.")][Range(1, MaxLimit)][DefaultValue(DefaultLimit)] QueryInteger? limit,
        HttpRequest request,
        NpgsqlDataSource db,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        long sinceNumber = 0;
        if (!string.IsNullOrEmpty(since))
        {
            if (OpaqueToken.Decode(TokenKind, 1, since) is [var decoded] && decoded >= 0)
            {
                sinceNumber = decoded;
            }
            else
            {
                errors["since"] = ["since must be a next token from an earlier answer of this endpoint."];
            }
        }

        var size = QueryInteger.Bounded(limit, "limit", MaxLimit, DefaultLimit, errors);

        if (Problems.InvalidQuery(errors) is { } invalid)
        {
            return invalid;
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var results = await conn.QueryMultipleAsync(new CommandDefinition(
            PageSql(size + 1), new { Edition = edition, Since = sinceNumber }, cancellationToken: ct));
        var horizon = await results.ReadSingleAsync<long>();
        // Read whole even when it is not sent: leaving a result unread would have Dapper cancel the statement.
        var rows = (await results.ReadAsync<ChangeRow>()).ToList();
        if (sinceNumber > 0 && sinceNumber < horizon)
        {
            return Problems.ChangeTokenExpired(edition);
        }

        var hasMore = rows.Count > size;
        var page = rows.Take(size).ToList();
        var next = OpaqueToken.Encode(TokenKind, page.Count > 0 ? page[^1].Seq : sinceNumber);
        var items = page.Select(row => row.ToChange(edition, sinceNumber)).ToArray();
        return TypedResults.Ok(new ChangePage(items, next, hasMore,
            new ChangeLinks($"{request.PathBase}{request.Path.ToUriComponent()}?since={next}&limit={size}")));
    }


    private sealed record ChangeRow(string Kind, long Id, string Action, long Seq, long? VisibleFrom, DateTime ChangedAt, string? Slug)
    {
        public Change ToChange(string edition, long since)
        {
            var action = Action switch
            {
                "upserted" when VisibleFrom > since => "created",
                "upserted" => "updated",
                var gone => gone,
            };
            var href = (Action, Kind, Slug) switch
            {
                (not "upserted", _, _) => null,
                (_, "settings" or "navigation", _) => $"/v1/{edition}/{Kind}",
                (_, "media", _) => $"/v1/media/{Id}?edition={edition}",
                (_, "collection", _) => "/v1/media/collections",
                (_, _, null) => null,
                (_, "post", _) => $"/v1/{edition}/posts/{Uri.EscapeDataString(Slug)}",
                (_, "page", _) => $"/v1/{edition}/pages/{Uri.EscapeDataString(Slug)}",
                (_, "tag", _) => $"/v1/{edition}/tags/{Uri.EscapeDataString(Slug)}",
                (_, "gallery", _) => $"/v1/{edition}/galleries/{Uri.EscapeDataString(Slug)}",
                _ => $"/v1/authors/{Uri.EscapeDataString(Slug)}",
            };
            return new Change(Kind, Id, action, new DateTimeOffset(ChangedAt, TimeSpan.Zero), Slug, href);
        }
    }
}
