using System.Net;
using System.Text.Json;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Features.Archives;

public sealed class ArchiveTests
{
    private CmsApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        await _app.SeedAsync(
            // Tehran is UTC+3:30 all year: 1 Farvardin 1405 = 21 March 2026, 1 Azar = 22 November, 1 Dey = 22 December.
            Seed.Post("fa", "esfand-end", "2026-03-20T20:00:00Z"), // 23:30 on 29 Esfand 1404 (20 March)
            Seed.Post("fa", "nowruz", "2026-03-20T21:00:00Z"), // 00:30 on 1 Farvardin 1405 (21 March)
            Seed.Post("fa", "farvardin", "2026-04-10T08:00:00Z"),
            Seed.Post("fa", "aban-end", "2026-11-21T20:00:00Z"), // 23:30 on 30 Aban (21 November)
            Seed.Post("fa", "azar-first", "2026-11-21T21:00:00Z"), // 00:30 on 1 Azar (22 November)
            Seed.Post("fa", "azar", "2026-11-25T08:00:00Z"),
            Seed.Post("fa", "draft", "2026-04-01T08:00:00Z", status: "draft"),
            Seed.Post("fa", "scheduled", "2099-01-01T00:00:00Z", status: "scheduled"),
            Seed.Post("ar", "another-edition", "2026-04-01T08:00:00Z"),
            Seed.Post("en", "january", "2026-01-31T23:30:00Z"),
            Seed.Post("en", "february", "2026-02-01T00:00:00Z"));
        // A published page of the edition, dated now: never counted.
        using var editor = await _app.CreateKeyClientAsync(Roles.Editor, "fa");
        var page = await editor.PostJsonAsync("/v1/admin/pages", new { edition = "fa", title = "درباره ما", status = "published" });
        Assert.That(page.Status, Is.EqualTo(HttpStatusCode.Created), page.Body.ToString());
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private static string[] Months(JsonElement archive) => archive.GetProperty("months").EnumerateArray()
        .Select(m => string.Join('|', m.GetProperty("calendar").GetString(), m.GetProperty("year").GetInt32(), m.GetProperty("month").GetInt32(),
            m.GetProperty("label").GetString(), m.GetProperty("count").GetInt64(), m.GetProperty("from").GetString(), m.GetProperty("to").GetString()))
        .ToArray();

    [Test]
    public async Task FarsiMonthsAreSolarHijriInTehranNewestFirst()
    {
        var archive = await _app.GetJsonAsync("/v1/fa/archives");
        Assert.Multiple(() =>
        {
            Assert.That(archive.GetProperty("calendar").GetString(), Is.EqualTo("persian"));
            Assert.That(archive.GetProperty("timeZone").GetString(), Is.EqualTo("Asia/Tehran"));
            Assert.That(archive.GetProperty("language").GetString(), Is.EqualTo("fa-IR"));
            Assert.That(archive.GetProperty("direction").GetString(), Is.EqualTo("rtl"));
            Assert.That(Months(archive), Is.EqualTo(new[]
            {
                "persian|1405|9|آذر ۱۴۰۵|2|2026-11-21T20:30:00Z|2026-12-21T20:30:00Z",
                "persian|1405|8|آبان ۱۴۰۵|1|2026-10-22T20:30:00Z|2026-11-21T20:30:00Z",
                "persian|1405|1|فروردین ۱۴۰۵|2|2026-03-20T20:30:00Z|2026-04-20T20:30:00Z",
                "persian|1404|12|اسفند ۱۴۰۴|1|2026-02-19T20:30:00Z|2026-03-20T20:30:00Z",
            }));
            Assert.That(archive.GetProperty("months")[0].GetProperty("monthName").GetString(), Is.EqualTo("آذر"));
        });
    }

    [Test]
    public async Task CalendarGregorianGivesGregorianMonthsInTheEditionsLanguageAndDigits()
    {
        var archive = await _app.GetJsonAsync("/v1/fa/archives?calendar=gregorian");
        Assert.Multiple(() =>
        {
            Assert.That(archive.GetProperty("calendar").GetString(), Is.EqualTo("gregorian"));
            Assert.That(Months(archive), Is.EqualTo(new[]
            {
                "gregorian|2026|11|نوامبر ۲۰۲۶|3|2026-10-31T20:30:00Z|2026-11-30T20:30:00Z",
                "gregorian|2026|4|آوریل ۲۰۲۶|1|2026-03-31T20:30:00Z|2026-04-30T20:30:00Z",
                "gregorian|2026|3|مارس ۲۰۲۶|2|2026-02-28T20:30:00Z|2026-03-31T20:30:00Z",
            }));
        });
    }

    [Test]
    public async Task EnglishMonthsAreGregorianInUtc()
    {
        var archive = await _app.GetJsonAsync("/v1/en/archives");
        Assert.That(Months(archive), Is.EqualTo(new[]
        {
            "gregorian|2026|2|February 2026|1|2026-02-01T00:00:00Z|2026-03-01T00:00:00Z",
            "gregorian|2026|1|January 2026|1|2026-01-01T00:00:00Z|2026-02-01T00:00:00Z",
        }));
    }

    [TestCase("persian")]
    [TestCase("gregorian")]
    public async Task EachMonthsPostsLinkListsExactlyItsPosts(string calendar)
    {
        var archive = await _app.GetJsonAsync($"/v1/fa/archives?calendar={calendar}");
        var all = await _app.GetJsonAsync("/v1/fa/posts?perPage=100");
        foreach (var month in archive.GetProperty("months").EnumerateArray())
        {
            var (from, to) = (month.GetProperty("from").GetDateTime(), month.GetProperty("to").GetDateTime());
            var expected = all.GetProperty("items").EnumerateArray()
                .Where(p => p.GetProperty("publishedAt").GetDateTime() >= from && p.GetProperty("publishedAt").GetDateTime() < to)
                .Select(p => p.GetProperty("slug").GetString())
                .ToArray();
            var link = month.GetProperty("posts").GetString()!;
            var posts = await _app.GetJsonAsync(link + "&perPage=100");
            Assert.Multiple(() =>
            {
                Assert.That(link, Does.StartWith("/v1/fa/posts?from="));
                Assert.That(posts.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("slug").GetString()), Is.EqualTo(expected));
                Assert.That(posts.GetProperty("page").GetProperty("totalItems").GetInt64(), Is.EqualTo(month.GetProperty("count").GetInt64()));
                // A post's display date names the archive month it is counted in.
                Assert.That(posts.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("displayDate")).Where(d => d.GetProperty("calendar").GetString() == calendar),
                    Has.All.Matches<JsonElement>(d => d.GetProperty("year").GetInt32() == month.GetProperty("year").GetInt32()
                        && d.GetProperty("month").GetInt32() == month.GetProperty("month").GetInt32()));
            });
        }
    }

    [Test]
    public async Task AnEditionWithoutPostsHasNoMonths()
    {
        var archive = await _app.GetJsonAsync("/v1/sq/archives");
        Assert.That(archive.GetProperty("months").GetArrayLength(), Is.Zero);
    }

    [TestCase("/v1/ar/archives?calendar=persian", "gregorian or gregorian")]
    [TestCase("/v1/en/archives?calendar=persian", "in edition 'en'")]
    [TestCase("/v1/fa/archives?calendar=julian", "gregorian or persian")]
    [TestCase("/v1/fa/archives?calendar=Persian", "got 'Persian'")]
    public async Task ACalendarTheEditionCannotNameIsA400(string url, string detail)
    {
        var problem = await _app.GetProblemAsync(url, HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").GetProperty("calendar")[0].GetString(), Does.Contain(detail));
    }

    [Test]
    public async Task AnUnknownEditionIsA404()
    {
        var problem = await _app.GetProblemAsync("/v1/xx/archives", HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Edition not found"));
    }

    [Test]
    public async Task TheArchiveCarriesTheEditionsContentVersion()
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync("/v1/fa/archives");
        using var posts = await client.GetAsync("/v1/fa/posts");
        Assert.Multiple(() =>
        {
            Assert.That(response.Headers.ETag?.Tag, Is.EqualTo(posts.Headers.ETag?.Tag).And.StartWith("\"fa."));
            Assert.That(response.Headers.GetValues("Surrogate-Key").Single(), Is.EqualTo("edition:fa"));
            Assert.That(response.Headers.CacheControl?.Public, Is.True);
        });
    }
}
