using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Nejat.Cms.Api.Features.Search;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Features.Search;

/// <summary>
/// A word in more posts than the exact-total bound: the totals say "more than", the pages still come
/// title matches first, then newest (the many-matches statement), and a rarer word keeps its exact total.
/// </summary>
public sealed class SearchTotalTests
{
    private const int Posts = SearchQueries.ExactTotalBound + 2;

    // Every post but one has the tag wild and the author ranger: aardvark, in every post, is in one more
    // of their posts than the bound.
    private const int Outside = Posts - 2;
    private static readonly DateTime First = new(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private CmsApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        // Post i is published i minutes after the first: the highest number is the newest. The two
        // oldest have aardvark in their title too; every tenth has zebra in its title. All but the
        // three oldest, and two pages, have okapi: one match more than the bound, two pages of them.
        await _app.SeedAsync([
            Seed.Tag("en", "wild", "Wild"),
            Seed.Author("ranger", "Ranger"),
            .. Enumerable.Range(0, Posts).Select(i => Seed.Post("en", $"p{i}",
                First.AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                tags: i == Outside ? null : ["wild"],
                author: i == Outside ? null : "ranger",
                title: i < 2 ? $"Aardvark sighting {i}" : HasZebraTitle(i) ? $"Zebra story {i}" : $"Story {i}",
                bodyHtml: i < 3 ? "<p>An aardvark was seen near a zebra.</p>" : "<p>An aardvark was seen near a zebra and an okapi.</p>")),
            Seed.Page("en", "okapis", "<p>About okapis</p>"),
            Seed.Page("en", "okapi-care", "<p>Okapi care</p>"),
        ]);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task BeyondTheBoundTotalsSayMoreThanAndPagesStillRankTitlesFirst()
    {
        var first = await _app.GetJsonAsync("/v1/en/search?q=aardvark&perPage=3");
        var second = await _app.GetJsonAsync(first.GetProperty("links").GetProperty("next").GetString()!);
        var list = await _app.GetJsonAsync("/v1/en/posts?q=aardvark&perPage=3");
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(first), Is.EqualTo(new[] { "p1", "p0", $"p{Posts - 1}" }));
            Assert.That(first.GetProperty("page").GetProperty("totalItems").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(first.GetProperty("page").GetProperty("totalPages").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(first.GetProperty("totalMoreThan").GetInt64(), Is.EqualTo(SearchQueries.ExactTotalBound));
            Assert.That(Slugs(second), Is.EqualTo(new[] { $"p{Posts - 2}", $"p{Posts - 3}", $"p{Posts - 4}" }));
            Assert.That(Slugs(list), Is.EqualTo(Slugs(first)));
            Assert.That(list.GetProperty("page").GetProperty("totalItems").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(list.GetProperty("links").GetProperty("next").GetString(), Does.Contain("page=2"));
        });
    }

    // The list of posts counts the posts alone: the word's count in the edition (search_lexemes) has the pages too.
    [Test]
    public async Task PostsOfAWordInPagesTooAreCountedWithoutThePages()
    {
        var search = await _app.GetJsonAsync("/v1/en/search?q=okapi&perPage=1");
        var list = await _app.GetJsonAsync("/v1/en/posts?q=okapi&perPage=1");
        Assert.Multiple(() =>
        {
            Assert.That(search.GetProperty("totalMoreThan").GetInt64(), Is.EqualTo(SearchQueries.ExactTotalBound));
            Assert.That(list.GetProperty("page").GetProperty("totalItems").GetInt64(), Is.EqualTo(Posts - 3));
        });
    }

    // Every page of a word in every post comes title matches first, then newest: the first pages from
    // the newest posts' titles (they hold enough title matches), the page where they run out and the
    // pages after it from the titles' index. A page further on sends its numbers as parameters, and one
    // ending past the bound its count's bound too (SearchQueries.Total).
    [TestCase(10, new[] { 1, 2, 9, 10, 11, 12, 50 })]
    [TestCase(25, new[] { 1, 4, 5, 40 })]
    [TestCase(100, new[] { 1, 2, 11 })]
    public async Task ManyMatchesRankTitlesFirstOnEveryPage(int perPage, int[] pages)
    {
        var titleMatches = Enumerable.Range(0, Posts).Where(HasZebraTitle).Reverse();
        var expected = titleMatches.Concat(Enumerable.Range(0, Posts).Reverse().Except(titleMatches)).Select(i => $"p{i}").ToArray();
        foreach (var page in pages)
        {
            var answer = await _app.GetJsonAsync($"/v1/en/search?q=zebra&perPage={perPage}&page={page}");
            Assert.That(Slugs(answer), Is.EqualTo(expected.Skip((page - 1) * perPage).Take(perPage)), $"page {page} of {perPage}");
        }
    }

    // Many matches within a tag or an author come title matches first, then newest, as in the edition;
    // the page reads them from the tag's or the author's posts (SearchQueries.NewestOfFilter), and so do
    // pages further on, both filters together, and dates (these cover every post: their conditions in the
    // walk only narrow what it reads).
    [TestCase("tag=wild")]
    [TestCase("author=ranger")]
    [TestCase("tag=wild&author=ranger")]
    [TestCase("tag=wild&from=2024-01-01T00:00:00Z&to=2024-01-02T00:00:00Z")]
    public async Task ManyMatchesOfATagOrAnAuthorRankTitlesFirst(string filter)
    {
        var inFilter = Enumerable.Range(0, Posts).Where(i => i != Outside).ToArray();
        int[] titleMatches = [1, 0];
        var expected = titleMatches.Concat(inFilter.Reverse().Except(titleMatches)).Select(i => $"p{i}").ToArray();
        foreach (var (perPage, page) in new[] { (10, 1), (10, 2), (25, 1), (25, 40), (100, 10) })
        {
            var answer = await _app.GetJsonAsync($"/v1/en/posts?q=aardvark&{filter}&perPage={perPage}&page={page}");
            Assert.That(Slugs(answer), Is.EqualTo(expected.Skip((page - 1) * perPage).Take(perPage)), $"{filter}: page {page} of {perPage}");
            Assert.That(answer.GetProperty("page").GetProperty("totalItems").ValueKind, Is.EqualTo(JsonValueKind.Null), $"{filter}: more matches than the bound");
        }
    }

    // Of many matches within a tag or an author, the newest titles and the other matches are read from
    // the tag's or the author's newest posts until each has its rows: not all their posts read and sorted.
    [TestCase("tag", @"Index Only Scan using post_tags_tag_published_idx on post_tags pt[_\d]*")]
    [TestCase("author", @"Index Only Scan using posts_author_published_idx on posts p[_\d]*")]
    public async Task ManyMatchesOfATagOrAnAuthorReadOnlyItsNewestPosts(string filter, string walk)
    {
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        var tagId = await conn.ExecuteScalarAsync<long>("SELECT id FROM tags WHERE edition = 'en' AND slug = 'wild'");
        var authorId = await conn.ExecuteScalarAsync<long>("SELECT id FROM authors WHERE slug = 'ranger'");
        var search = filter == "tag" ? new SearchFilter(PostsOnly: true, tagId, null, null, null) : new SearchFilter(PostsOnly: true, null, authorId, null, null);
        var sql = SearchQueries.Page(search, new PageRequest(1, 10), SearchMatches.Many);
        var plan = string.Join('\n', await conn.QueryAsync<string>("EXPLAIN (ANALYZE, COSTS OFF) " + sql, new { Edition = "en", Q = "aardvark", TagId = tagId, AuthorId = authorId }));
        var walks = Regex.Matches(plan, walk + @" \(actual time=[\d.]+ rows=(?<rows>[\d.]+) loops=1\)");
        Assert.Multiple(() =>
        {
            Assert.That(walks, Has.Count.GreaterThanOrEqualTo(2), plan);
            Assert.That(walks.Select(w => double.Parse(w.Groups["rows"].Value, CultureInfo.InvariantCulture)), Has.All.LessThanOrEqualTo(SearchQueries.RecentTitleRows(10) + 1), plan);
        });
    }

    // The newest posts' titles come from the recency index (migration 0020), not from each post's row:
    // only the title matches are read whole. After a vacuum no page of the table is visited for them.
    [Test]
    public async Task ManyMatchesReadTheNewestTitlesFromTheIndexAlone()
    {
        var plan = await PlanOfManyMatchesAsync("zebra", "VACUUM post_search", "SET enable_seqscan = off");
        Assert.That(plan, Does.Match(@"Index Only Scan using post_search_recency_idx on post_search d_\d+ \(actual[^\n]*\n\s+Index Cond: \(edition = 'en'::text\)\n\s+Heap Fetches: 0"), plan);
    }

    // A page the newest posts' title matches fill has no other match: those are not read.
    [TestCase("zebra", true)]
    [TestCase("okapi", false)]
    public async Task APageOfTitleMatchesReadsNoOtherMatch(string q, bool titlesFillThePage)
    {
        var plan = await PlanOfManyMatchesAsync(q);
        // The other matches: post_search's rows newest first, their whole text matched.
        var otherMatches = @"Join Filter: \(\(\(d_\d+\.search_vector @@ [^\n]* IS TRUE\)\n\s+->  Index Scan using post_search_recency_idx on post_search d_\d+ \((?<run>[^)]*)\)";
        var run = Regex.Match(plan, otherMatches);
        Assert.That(run.Success, plan);
        Assert.That(run.Groups["run"].Value, titlesFillThePage ? Is.EqualTo("never executed") : Does.StartWith("actual"), plan);
    }

    // -word drops a title match whose body has the word, whichever way the many-matches statement reads
    // title matches: from the newest posts' titles, then from the titles' index (every zebra title here
    // is of a post with okapi in its body). A query that excludes nothing does not read the whole texts.
    [Test]
    public async Task ExcludedWordInTheBodyDropsTitleMatchesOfManyMatches()
    {
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        var sql = SearchQueries.Page(SearchFilter.Everything, new PageRequest(1, 10), SearchMatches.Many);
        var slugs = (await conn.QueryAsync(sql, new { Edition = "en", Q = "zebra -okapi" })).Select(row => (string)row.slug);
        var plan = await PlanOfManyMatchesAsync("zebra");
        Assert.Multiple(() =>
        {
            Assert.That(slugs, Is.EqualTo(new[] { "p2", "p1", "p0" }));
            Assert.That(plan, Does.Not.Match(@"Index Scan using post_search_pkey on post_search v[_\d]* \(actual"), plan);
        });
    }

    [Test]
    public async Task UnderTheBoundTotalsAreExact()
    {
        var page = await _app.GetJsonAsync("/v1/en/search?q=sighting");
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(page), Is.EqualTo(new[] { "p1", "p0" }));
            Assert.That(page.GetProperty("page").GetProperty("totalItems").GetInt64(), Is.EqualTo(2));
            Assert.That(page.GetProperty("totalMoreThan").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    // The executed plan of the many-matches page for q (page 1 of 10), after the given statements.
    private async Task<string> PlanOfManyMatchesAsync(string q, params string[] first)
    {
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        foreach (var statement in first)
        {
            await conn.ExecuteAsync(statement);
        }

        var sql = SearchQueries.Page(SearchFilter.Everything, new PageRequest(1, 10), SearchMatches.Many);
        return string.Join('\n', await conn.QueryAsync<string>("EXPLAIN (ANALYZE, COSTS OFF) " + sql, new { Edition = "en", Q = q }));
    }

    private static bool HasZebraTitle(int i) => i >= 2 && i % 10 == 3;

    private static string[] Slugs(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToArray();
}
