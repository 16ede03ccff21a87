using System.Text.Json;
using Dapper;
using Nejat.Cms.Api.Features.Search;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Features.Search;

/// <summary>
/// A phrase's few matches: the total gives their ids and the page ranks only those (the GIN index cannot
/// see word positions, so finding them again cost as much as counting them). The order, pages and filters
/// are those of any other search.
/// </summary>
public sealed class PhraseSearchTests
{
    private CmsApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        await _app.SeedAsync([
            Seed.Tag("en", "camps", "Camps"),
            Seed.Post("en", "en-title", "2026-01-01T08:00:00Z", title: "Tent city grows on the border", bodyHtml: "<p>Nothing else.</p>"),
            Seed.Post("en", "en-body-old", "2026-01-02T08:00:00Z", title: "Winter arrives", tags: ["camps"],
                bodyHtml: "<p>A tent city stood by the river.</p>"),
            Seed.Post("en", "en-body-new", "2026-01-03T08:00:00Z", title: "Aid convoy", bodyHtml: "<p>The convoy reached the tent city at noon.</p>"),
            Seed.Post("en", "en-apart", "2026-01-04T08:00:00Z", title: "City notes", bodyHtml: "<p>A tent was pitched in the city.</p>"),
            Seed.Post("en", "en-draft", "2026-01-05T08:00:00Z", status: "draft", title: "Tent city draft", bodyHtml: "<p>tent city</p>"),
            Seed.Post("en", "en-hyphen", "2026-01-06T08:00:00Z", title: "Workers", bodyHtml: "<p>A well-known aid worker spoke.</p>"),
            Seed.Post("en", "en-market", "2026-01-07T08:00:00Z", title: "Evenings", bodyHtml: "<p>The night market opened.</p>"),
        ]);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task APhraseRanksTitleMatchesFirstThenNewest()
    {
        var page = await _app.GetJsonAsync($"/v1/en/search?q={Uri.EscapeDataString("\"tent city\"")}");
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(page), Is.EqualTo(new[] { "en-title", "en-body-new", "en-body-old" }), "never words apart, never drafts");
            Assert.That(page.GetProperty("page").GetProperty("totalItems").GetInt64(), Is.EqualTo(3));
        });
    }

    [Test]
    public async Task APhraseHasPagesAndFilters()
    {
        var q = Uri.EscapeDataString("\"tent city\"");
        var second = await _app.GetJsonAsync($"/v1/en/search?q={q}&perPage=1&page=2");
        var third = await _app.GetJsonAsync($"/v1/en/search?q={q}&perPage=1&page=3");
        var tagged = await _app.GetJsonAsync($"/v1/en/posts?q={q}&tag=camps");
        var dated = await _app.GetJsonAsync($"/v1/en/posts?q={q}&to=2026-01-03");
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(second), Is.EqualTo(new[] { "en-body-new" }));
            Assert.That(second.GetProperty("page").GetProperty("totalPages").GetInt32(), Is.EqualTo(3));
            Assert.That(Slugs(third), Is.EqualTo(new[] { "en-body-old" }));
            Assert.That(third.GetProperty("links").GetProperty("next").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(Slugs(tagged), Is.EqualTo(new[] { "en-body-old" }));
            Assert.That(Slugs(dated), Is.EqualTo(new[] { "en-title", "en-body-old" }));
        });
    }

    // websearch_to_tsquery joins a hyphenated word's parts as a phrase.
    [Test]
    public async Task AHyphenatedWordIsAPhrase() =>
        Assert.That(Slugs(await _app.GetJsonAsync("/v1/en/search?q=well-known")), Is.EqualTo(new[] { "en-hyphen" }));

    // Only a phrase's total gives ids: the index finds other queries' matches exactly, and more cheaply than by id.
    [TestCase("\"tent city\"", 3, TestName = "a phrase's total gives its matches' ids")]
    [TestCase("tent", null, TestName = "a word's total gives none")]
    [TestCase("tent city", null, TestName = "two words' total gives none")]
    public async Task OnlyAPhrasesTotalGivesIds(string q, int? ids)
    {
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        var counted = await conn.QuerySingleAsync<SearchCount>(
            SearchQueries.Total(SearchFilter.Everything, SearchQueries.ExactTotalBound + 1), new { Edition = "en", Q = q });
        Assert.That(counted.Ids?.Length, Is.EqualTo(ids));
    }

    // The page reads its posts again with the filters: one unpublished after the total counted it is not shown.
    [Test]
    public async Task APostUnpublishedBetweenTheTotalAndThePageIsNotShown()
    {
        await using var conn = new NpgsqlConnection(_app.ConnectionString);
        await conn.OpenAsync();
        var parameters = new SearchParameters("en", "\"night market\"", null, null, null, null);
        var counted = await conn.QuerySingleAsync<SearchCount>(SearchQueries.Total(SearchFilter.Everything, SearchQueries.ExactTotalBound + 1), parameters);
        await conn.ExecuteAsync("UPDATE posts SET status = 'draft' WHERE slug = 'en-market'");
        var page = await conn.QueryAsync(
            SearchQueries.Page(SearchFilter.Everything, new PageRequest(1, 10), SearchMatches.FewWithIds), parameters with { Ids = counted.Ids });
        Assert.Multiple(() =>
        {
            Assert.That(counted.Ids, Has.Length.EqualTo(1));
            Assert.That(page, Is.Empty);
        });
    }

    private static string[] Slugs(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("slug").GetString()!).ToArray();
}
