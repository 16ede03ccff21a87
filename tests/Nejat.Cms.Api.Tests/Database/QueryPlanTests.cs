using System.Text.RegularExpressions;
using Dapper;
using Nejat.Cms.Api.Database;
using Nejat.Cms.Api.Features.Archives;
using Nejat.Cms.Api.Features.Authors;
using Nejat.Cms.Api.Features.Changes;
using Nejat.Cms.Api.Features.Feeds;
using Nejat.Cms.Api.Features.Pages;
using Nejat.Cms.Api.Features.Galleries;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Features.Posts;
using Nejat.Cms.Api.Features.Redirects;
using Nejat.Cms.Api.Features.Search;
using Nejat.Cms.Api.Features.Tags;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Database;

/// <summary>
/// Every public query can be served by an index: with sequential scans priced out, no plan may
/// still scan a content table. To see EXPLAIN ANALYZE of the same SQL on a loaded database (the
/// benchmark's 100,000 posts), set NEJAT_EXPLAIN_DATADIR to its Cms__DataDir, or
/// NEJAT_EXPLAIN_CONNECTION to a connection string (tests/Nejat.Cms.Bench/explain.sh does the former).
/// </summary>
public sealed class QueryPlanTests
{
    private static readonly string? LoadedDataDir = Environment.GetEnvironmentVariable("NEJAT_EXPLAIN_DATADIR");
    private static readonly string? LoadedDatabase = LoadedDataDir ?? Environment.GetEnvironmentVariable("NEJAT_EXPLAIN_CONNECTION");
    private static readonly string[] ContentTables =
    [
        "posts", "post_tags", "tags", "authors", "content_changes", "media", "media_translations", "galleries", "gallery_titles",
        "gallery_items", "post_search", "search_words", "old_urls",
    ];

    private LocalPostgres? _loadedCluster;

    // On real data the planner rightly scans the few hundred tags and authors whole, and a table without
    // rows (the benchmark's data has no media) costs nothing to scan.
    private string[] _loadedContentTables = [];
    private string _connectionString = "";
    private object _parameters = new();

    [OneTimeSetUp]
    public async Task ArrangeAsync()
    {
        if (LoadedDataDir is not null)
        {
            _loadedCluster = await LocalPostgres.StartAsync(LoadedDataDir, TestContext.Progress.WriteLine);
            _connectionString = _loadedCluster.ConnectionStringFor("cms");
        }
        else if (LoadedDatabase is not null)
        {
            _connectionString = LoadedDatabase;
        }
        else
        {
            await using var app = await CmsApp.StartAsync();
            _connectionString = app.ConnectionString;
            await app.SeedAsync([
                Seed.Author("writer", "Writer"),
                Seed.Tag("fa", "tag", "Tag"),
                .. Enumerable.Range(0, 500).Select(i => Seed.Post("fa", $"p{i}", $"2024-01-01T00:{i / 60 % 60:00}:{i % 60:00}Z", tags: ["tag"], author: "writer")),
            ]);
        }

        await using var conn = new NpgsqlConnection(_connectionString);
        foreach (var table in LoadedDatabase is null ? [] : ContentTables.Except(["tags", "authors"]))
        {
            if (await conn.ExecuteScalarAsync<bool>($"SELECT EXISTS (SELECT 1 FROM {table})"))
            {
                _loadedContentTables = [.. _loadedContentTables, table];
            }
        }

        // The busiest tag and author of the edition, and a post in the middle of it.
        _parameters = await conn.QuerySingleAsync<PlanParameters>("""
            SELECT 'fa' AS edition,
                   (SELECT id FROM tags WHERE edition = 'fa' ORDER BY post_count DESC LIMIT 1) AS tagid,
                   (SELECT slug FROM tags WHERE edition = 'fa' ORDER BY post_count DESC LIMIT 1) AS tag,
                   (SELECT author_id FROM posts WHERE edition = 'fa' AND author_id IS NOT NULL GROUP BY author_id ORDER BY count(*) DESC LIMIT 1) AS authorid,
                   (SELECT a.slug FROM authors a WHERE a.id = (SELECT author_id FROM posts WHERE edition = 'fa' AND author_id IS NOT NULL GROUP BY author_id ORDER BY count(*) DESC LIMIT 1)) AS author,
                   (SELECT slug FROM posts WHERE edition = 'fa' AND status = 'published' ORDER BY published_at DESC OFFSET 100 LIMIT 1) AS slug,
                   (SELECT published_at FROM posts WHERE edition = 'fa' AND status = 'published' ORDER BY published_at DESC OFFSET 100 LIMIT 1) AS at,
                   (SELECT id FROM posts WHERE edition = 'fa' AND status = 'published' ORDER BY published_at DESC OFFSET 100 LIMIT 1) AS afterid,
                   (SELECT max(seq) / 2 FROM content_changes) AS since,
                   (SELECT published_at - interval '30 days' FROM posts WHERE edition = 'fa' AND status = 'published' ORDER BY published_at DESC OFFSET 100 LIMIT 1) AS "from",
                   (SELECT published_at FROM posts WHERE edition = 'fa' AND status = 'published' ORDER BY published_at DESC OFFSET 100 LIMIT 1) AS "to",
                   (SELECT pt.post_id FROM post_tags pt
                    WHERE pt.tag_id = (SELECT id FROM tags WHERE edition = 'fa' ORDER BY post_count DESC LIMIT 1) AND pt.published
                    ORDER BY pt.published_at DESC OFFSET 100 LIMIT 1) AS postid,
                   10 AS "limit", 0 AS "offset",
                   'news-pics' AS collection, 'image' AS kind,
                   -- The edition's most common title word: search's worst case.
                   (SELECT word FROM ts_stat($$SELECT suggest_title FROM post_search WHERE edition = 'fa' AND status = 'published'$$)
                    ORDER BY ndoc DESC, word LIMIT 1) AS q
            """);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_loadedCluster is not null)
        {
            await _loadedCluster.DisposeAsync();
        }
    }

    public static IEnumerable<TestCaseData> Queries()
    {
        var filters = new (string Name, bool WithTag, bool ByAuthor)[]
        {
            ("in edition", false, false),
            ("with tag", true, false),
            ("by author", false, true),
            ("with tag by author", true, true),
        };
        foreach (var (filterName, withTag, byAuthor) in filters)
        {
            foreach (var inRange in new[] { false, true })
            {
                foreach (var mode in Enum.GetValues<PostListMode>())
                {
                    var name = $"posts: list {filterName}{(inRange ? " from/to" : "")}, {mode}";
                    yield return new TestCaseData(name, PostQueries.List(withTag, byAuthor, inRange, mode, withTotal: mode == PostListMode.Numbered, limit: 11, offset: 20)).SetArgDisplayNames(name);
                }
            }
        }

        yield return new TestCaseData("posts: editors' list of a story", StoryList).SetArgDisplayNames("posts: editors' list of a story");
        yield return new TestCaseData("posts: resolve filters", PostQueries.ResolveFilter).SetArgDisplayNames("posts: resolve filters");
        yield return new TestCaseData("posts: one by slug with neighbours", PostQueries.BySlug).SetArgDisplayNames("posts: one by slug with neighbours");
        yield return new TestCaseData("posts: id by slug", PostQueries.IdBySlug).SetArgDisplayNames("posts: id by slug");
        yield return new TestCaseData("posts: related", PostQueries.Related(10)).SetArgDisplayNames("posts: related");
        yield return new TestCaseData("archives: posts per day", ArchiveEndpoints.Sql).SetArgDisplayNames("archives: posts per day");
        yield return new TestCaseData("pages: one by slug", PageEndpoints.BySlugSql).SetArgDisplayNames("pages: one by slug");
        yield return new TestCaseData("feeds: channel", FeedQueries.Channel).SetArgDisplayNames("feeds: channel");
        yield return new TestCaseData("feeds: newest in edition", FeedQueries.NewestInEdition).SetArgDisplayNames("feeds: newest in edition");
        yield return new TestCaseData("feeds: newest with tag", FeedQueries.NewestWithTag).SetArgDisplayNames("feeds: newest with tag");
        yield return new TestCaseData("sitemap: index", FeedQueries.SitemapFiles).SetArgDisplayNames("sitemap: index");
        yield return new TestCaseData("sitemap: one file", FeedQueries.SitemapFile).SetArgDisplayNames("sitemap: one file");
        yield return new TestCaseData("tags: list", TagQueries.List).SetArgDisplayNames("tags: list");
        yield return new TestCaseData("tags: one by slug", TagQueries.BySlug).SetArgDisplayNames("tags: one by slug");
        yield return new TestCaseData("authors: list", AuthorQueries.List).SetArgDisplayNames("authors: list");
        yield return new TestCaseData("authors: one by slug", AuthorQueries.BySlug).SetArgDisplayNames("authors: one by slug");
        yield return new TestCaseData("changes: a page", ChangeFeedEndpoints.PageSql(101)).SetArgDisplayNames("changes: a page");
        yield return new TestCaseData("changes: content versions", ContentVersions.CurrentSql).SetArgDisplayNames("changes: content versions");
        yield return new TestCaseData("media: list", MediaQueries.List(null, null)).SetArgDisplayNames("media: list");
        yield return new TestCaseData("media: list in collection", MediaQueries.List("c", null)).SetArgDisplayNames("media: list in collection");
        yield return new TestCaseData("media: list of kind", MediaQueries.List(null, "k")).SetArgDisplayNames("media: list of kind");
        yield return new TestCaseData("media: list in collection of kind", MediaQueries.List("c", "k")).SetArgDisplayNames("media: list in collection of kind");
        yield return new TestCaseData("galleries: list", GalleryQueries.List).SetArgDisplayNames("galleries: list");
        yield return new TestCaseData("galleries: one by slug", GalleryQueries.BySlug).SetArgDisplayNames("galleries: one by slug");
        yield return new TestCaseData("media: by ids", MediaQueries.ByIdsSql).SetArgDisplayNames("media: by ids");
        foreach (var (filterName, filter) in new[] { ("", SearchFilter.Everything), (" with every filter (posts?q)", EveryFilter) })
        {
            foreach (var (matchesName, matches) in new[] { ("", SearchMatches.Few), (" of a phrase's matches by id", SearchMatches.FewWithIds), (" of many matches", SearchMatches.Many) })
            {
                var name = $"search: a page{matchesName}{filterName}";
                yield return new TestCaseData(name, SearchQueries.Page(filter, new PageRequest(3, 10), matches)).SetArgDisplayNames(name);
            }

            yield return new TestCaseData($"search: total{filterName}", SearchQueries.Total(filter, SearchQueries.ExactTotalBound + 1)).SetArgDisplayNames($"search: total{filterName}");
        }

        yield return new TestCaseData("search: total of posts (posts?q)", SearchQueries.Total(new SearchFilter(PostsOnly: true, null, null, null, null), SearchQueries.ExactTotalBound + 1))
            .SetArgDisplayNames("search: total of posts (posts?q)");
        yield return new TestCaseData("search: suggest", SearchQueries.Suggest(SiteSearch.DefaultSuggestions)).SetArgDisplayNames("search: suggest");
        yield return new TestCaseData("search: corrections", SearchQueries.Corrections).SetArgDisplayNames("search: corrections");
        yield return new TestCaseData("redirects: old URL on its host", OldUrlQueries.LookupSql).SetArgDisplayNames("redirects: old URL on its host");
        yield return new TestCaseData("redirects: old path", OldUrlQueries.LookupSql.Replace("@Host", "NULL", StringComparison.Ordinal)).SetArgDisplayNames("redirects: old path");
    }

    // posts?q= with a tag, an author and dates (the values come from the plan parameters).
    private static readonly SearchFilter EveryFilter = new(PostsOnly: true, TagId: 1, AuthorId: 1, From: DateTime.UnixEpoch, To: DateTime.UnixEpoch);

    // The editors' list with only the story filter: the other optional filters unset, posts not pages.
    private static readonly string StoryList = PostAdminQueries.ListSql
        .Replace("@AuthorId", "NULL", StringComparison.Ordinal).Replace("@TagId", "NULL", StringComparison.Ordinal).Replace("@Kind", "'post'", StringComparison.Ordinal);

    [TestCaseSource(nameof(Queries))]
    public async Task NoContentTableIsScannedWhole(string name, string sql)
    {
        await using var conn = new NpgsqlConnection(_connectionString);
        await conn.OpenAsync();
        if (LoadedDatabase is null)
        {
            await conn.ExecuteAsync("SET enable_seqscan = off");
        }

        var explain = LoadedDatabase is null ? "EXPLAIN " : "EXPLAIN (ANALYZE, BUFFERS) ";
        var statements = sql.Split(";\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(s => s.Length > 0 && s != ";");
        foreach (var statement in statements)
        {
            var plan = string.Join('\n', await conn.QueryAsync<string>(explain + statement.TrimEnd(';'), _parameters));
            await TestContext.Out.WriteLineAsync($"-- {name}\n{statement.TrimEnd(';')}\n{plan}\n");
            var scannedWhole = Regex.Matches(plan, @"Seq Scan on (\w+)").Select(scan => scan.Groups[1].Value);
            Assert.That(scannedWhole.Intersect(LoadedDatabase is null ? ContentTables : _loadedContentTables), Is.Empty, $"{name}:\n{plan}");
        }
    }

    private sealed record PlanParameters(string Edition, long TagId, string Tag, long AuthorId, string Author, string Slug, DateTime At, long AfterId, long Since,
        DateTime From, DateTime To, long PostId, int Limit, int Offset, string Collection, string Kind, string Q)
    {
        // A search's third page of ten sends its end and the newest titles it reads (SearchQueries.Page).
        public long PageEnd { get; init; } = 30;
        public long RecentTitleRows { get; init; } = SearchQueries.RecentTitleRows(30);
        public int FileIds { get; init; } = FeedQueries.SitemapFileIds;
        public long FirstId { get; init; } = 1;
        public long LastId { get; init; } = FeedQueries.SitemapFileIds;

        // Not a constructor parameter: Dapper cannot map an array column through a constructor.
        public long[] Ids { get; init; } = [1, 2, 3];

        public string[] Paths { get; init; } = ["/2024/03/houses-in-herat/2", "/2024/03/houses-in-herat"];
        public string Host { get; init; } = "nejat.example";

        // The editors' list of one story (translationKey) in the editions a key may touch, no other filter.
        public string[] Editions { get; init; } = ["en", "fa"];
        public string? Status { get; init; }
        public string? Text { get; init; }
        public string TranslationKey { get; init; } = "story-1";
    }
}
