using System.Net;
using System.Text.Json;

namespace Nejat.Cms.Api.Tests.Features.Posts;

/// <summary>from/to on the posts list: with every filter, both ways of paging, and count=false.</summary>
public sealed class DateRangeTests
{
    private CmsApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        await _app.SeedAsync([
            Seed.Author("ana", "Ana Hoxha"),
            Seed.Tag("en", "even", "Even"),
            // p01 … p20 on 1 … 20 January 2024 at 10:00 UTC; ana wrote p01 … p05 and p06.
            .. Enumerable.Range(1, 20).Select(i => Seed.Post("en", $"p{i:00}", $"2024-01-{i:00}T10:00:00Z",
                tags: i % 2 == 0 ? ["even"] : [], author: i <= 6 ? "ana" : null)),
            Seed.Post("en", "hidden-draft", "2024-01-07T00:00:00Z", status: "draft", tags: ["even"], author: "ana"),
            // 00:30 on 21 March in Tehran, 20 March in UTC.
            Seed.Post("fa", "nowruz", "2026-03-20T21:00:00Z"),
        ]);
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private static string[] Slugs(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("slug").GetString()!).ToArray();

    private static long? Total(JsonElement list) =>
        list.GetProperty("page").GetProperty("totalItems") is { ValueKind: JsonValueKind.Number } total ? total.GetInt64() : null;

    // Dates begin at midnight in the edition's time zone (UTC for en): from inclusive, to exclusive.
    [TestCase("from=2024-01-05&to=2024-01-10", new[] { "p09", "p08", "p07", "p06", "p05" })]
    [TestCase("from=2024-01-05T10:00:00Z&to=2024-01-09T10:00:00Z", new[] { "p08", "p07", "p06", "p05" })]
    [TestCase("from=2024-01-05T13:30:00%2B03:30&to=2024-01-06T10:00Z", new[] { "p05" })]
    [TestCase("from=2024-01-05T13:30:00+03:30&to=2024-01-06T10:00Z", new[] { "p05" })] // an unencoded + arrives as a space
    [TestCase("from=2024-01-18", new[] { "p20", "p19", "p18" })]
    [TestCase("to=2024-01-03", new[] { "p02", "p01" })]
    [TestCase("from=2024-01-05&to=2024-01-10&tag=even", new[] { "p08", "p06" })]
    [TestCase("from=2024-01-05&to=2024-01-10&author=ana", new[] { "p06", "p05" })]
    [TestCase("from=2024-01-05&to=2024-01-10&tag=even&author=ana", new[] { "p06" })]
    [TestCase("from=2025-01-01", new string[0])]
    public async Task OnlyPostsInTheRangeAppearAndCount(string query, string[] expected)
    {
        var list = await _app.GetJsonAsync($"/v1/en/posts?perPage=100&{query}");
        var uncounted = await _app.GetJsonAsync($"/v1/en/posts?perPage=100&count=false&{query}");
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(list), Is.EqualTo(expected));
            Assert.That(Total(list), Is.EqualTo(expected.Length));
            Assert.That(Slugs(uncounted), Is.EqualTo(expected));
            Assert.That(Total(uncounted), Is.Null);
        });
    }

    [Test]
    public async Task NumberedPagesCountAndLinkWithinTheRange()
    {
        var list = await _app.GetJsonAsync("/v1/en/posts?from=2024-01-05&to=2024-01-10&page=2&perPage=2");
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(list), Is.EqualTo(new[] { "p07", "p06" }));
            Assert.That(list.GetProperty("page").GetProperty("totalPages").GetInt32(), Is.EqualTo(3));
            Assert.That(list.GetProperty("links").GetProperty("next").GetString(), Is.EqualTo("/v1/en/posts?from=2024-01-05&to=2024-01-10&page=3&perPage=2"));
            Assert.That(list.GetProperty("links").GetProperty("prev").GetString(), Is.EqualTo("/v1/en/posts?from=2024-01-05&to=2024-01-10&page=1&perPage=2"));
        });
    }

    [TestCase("")]
    [TestCase("&tag=even")]
    [TestCase("&author=ana")]
    public async Task CursorsWalkTheRangeOnceOlderAndBackNewer(string filter)
    {
        var everything = Slugs(await _app.GetJsonAsync($"/v1/en/posts?from=2024-01-02&to=2024-01-12&perPage=100{filter}"));
        var older = new List<string>();
        JsonElement last = default;
        for (var next = $"/v1/en/posts?from=2024-01-02&to=2024-01-12&perPage=2{filter}"; next is not null;)
        {
            last = await _app.GetJsonAsync(next);
            older.AddRange(Slugs(last));
            next = last.GetProperty("links").GetProperty("next").GetString();
        }

        var newer = new List<string>(Slugs(last).Reverse());
        for (var prev = last.GetProperty("links").GetProperty("prev").GetString(); prev is not null;)
        {
            var list = await _app.GetJsonAsync(prev);
            newer.AddRange(Slugs(list).Reverse());
            prev = list.GetProperty("links").GetProperty("prev").GetString();
        }

        Assert.Multiple(() =>
        {
            Assert.That(everything, Is.Not.Empty);
            Assert.That(older, Is.EqualTo(everything));
            Assert.That(newer, Is.EqualTo(everything.Reverse()));
        });
    }

    [Test]
    public async Task ADateBeginsAtMidnightInTheEditionsTimeZone()
    {
        var fromNowruz = await _app.GetJsonAsync("/v1/fa/posts?from=2026-03-21");
        var beforeNowruz = await _app.GetJsonAsync("/v1/fa/posts?to=2026-03-21");
        Assert.Multiple(() =>
        {
            Assert.That(Slugs(fromNowruz), Is.EqualTo(new[] { "nowruz" }), "00:30 on 21 March in Tehran");
            Assert.That(Slugs(beforeNowruz), Is.Empty);
        });
    }

    [TestCase("from=yesterday", "from")]
    [TestCase("from=2024-01-05T10:00:00", "from")] // no Z or offset
    [TestCase("to=2024-13-01", "to")]
    [TestCase("to=1704448800", "to")]
    [TestCase("from=2024-01-10&to=2024-01-05", "to")]
    [TestCase("from=2024-01-05&to=2024-01-05", "to")]
    [TestCase("from=2024-01-05T10:00:00Z&to=2024-01-05T13:30:00%2B03:30", "to")] // the same instant
    public async Task BadOrEmptyRangesAreA400NamingTheParameter(string query, string parameter)
    {
        var problem = await _app.GetProblemAsync($"/v1/en/posts?{query}", HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EqualTo(new[] { parameter }));
    }

    [Test]
    public async Task BothBadBoundsAreNamedAtOnce()
    {
        var problem = await _app.GetProblemAsync("/v1/en/posts?from=x&to=y", HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").EnumerateObject().Select(e => e.Name), Is.EquivalentTo(new[] { "from", "to" }));
    }

    [TestCase("/v1/xx/posts?from=2024-01-01", "Edition not found")]
    [TestCase("/v1/xx/posts?from=2024-01-01&count=false", "Edition not found")]
    [TestCase("/v1/en/posts?from=2024-01-01&tag=nope", "Tag not found")]
    public async Task UnknownEditionOrTagWithARangeIsA404(string url, string title)
    {
        var problem = await _app.GetProblemAsync(url, HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo(title));
    }

    [Test]
    public async Task DeepNumberedPagesRememberTheirStartPerRange()
    {
        await using var app = await CmsApp.StartAsync();
        // 620 posts an hour apart from midnight on 1 January 2024: 26 days.
        await app.SeedAsync([.. Enumerable.Range(0, 620).Select(i =>
            Seed.Post("sq", $"lajm-{i:000}", new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddHours(i).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture)))]);
        async Task<string[]> AllAsync(string range) =>
            [.. (await Task.WhenAll(Enumerable.Range(1, 7).Select(n => app.GetJsonAsync($"/v1/sq/posts?perPage=100&page={n}{range}")))).SelectMany(Slugs)];

        // Tirana is UTC+1 in January: the range ends at 23:00 UTC on 24 January and drops the newest 45 posts.
        const string range = "&to=2024-01-25";
        var whole = await AllAsync("");
        var ranged = await AllAsync(range);
        var wholeFirst = Slugs(await app.GetJsonAsync("/v1/sq/posts?page=51&perPage=10"));
        var wholeAgain = Slugs(await app.GetJsonAsync("/v1/sq/posts?page=51&perPage=10"));
        var rangedFirst = Slugs(await app.GetJsonAsync($"/v1/sq/posts?page=51&perPage=10{range}"));
        var rangedAgain = Slugs(await app.GetJsonAsync($"/v1/sq/posts?page=51&perPage=10{range}"));
        var rangedNext = Slugs(await app.GetJsonAsync($"/v1/sq/posts?page=52&perPage=10{range}"));
        Assert.Multiple(() =>
        {
            Assert.That(ranged, Has.Length.EqualTo(575));
            Assert.That(wholeFirst, Is.EqualTo(whole[500..510]));
            Assert.That(wholeAgain, Is.EqualTo(whole[500..510]));
            Assert.That(rangedFirst, Is.EqualTo(ranged[500..510]), "not the whole list's remembered start");
            Assert.That(rangedAgain, Is.EqualTo(ranged[500..510]));
            Assert.That(rangedNext, Is.EqualTo(ranged[510..520]));
        });
    }
}
