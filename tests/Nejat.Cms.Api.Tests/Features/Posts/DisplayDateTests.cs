using System.Text.Json;

namespace Nejat.Cms.Api.Tests.Features.Posts;

/// <summary>Posts and tags say their language and direction; posts date themselves in their edition's calendar.</summary>
public sealed class DisplayDateTests
{
    private CmsApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        await _app.SeedAsync(
            Seed.Tag("fa", "نوروز", "نوروز"),
            Seed.Tag("sq", "festa", "Festa"),
            // 00:30 on 21 March in Tehran: Nowruz, 1 Farvardin 1405.
            Seed.Post("fa", "نوروز-۱۴۰۵", "2026-03-20T21:00:00Z", tags: ["نوروز"]),
            // 23:30 in Tehran: the last day of 1404.
            Seed.Post("fa", "شب-نوروز", "2026-03-20T20:00:00Z"),
            // 00:30 on 28 November in Riyadh, still the 27th in UTC.
            Seed.Post("ar", "خبر", "2026-11-27T21:30:00Z"),
            Seed.Post("en", "news", "2026-11-28T10:00:00Z"),
            // 00:30 on 28 November in Tirana (UTC+1 in winter).
            Seed.Post("sq", "lajm", "2026-11-27T23:30:00Z", tags: ["festa"]));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    private static string Describe(JsonElement post)
    {
        var date = post.GetProperty("displayDate");
        return string.Join('|', date.GetProperty("text").GetString(), date.GetProperty("calendar").GetString(),
            date.GetProperty("year").GetInt32(), date.GetProperty("month").GetInt32(), date.GetProperty("day").GetInt32(),
            date.GetProperty("monthName").GetString(), post.GetProperty("language").GetString(), post.GetProperty("direction").GetString());
    }

    [TestCase("fa", "نوروز-۱۴۰۵", "۱ فروردین ۱۴۰۵|persian|1405|1|1|فروردین|fa-IR|rtl")]
    [TestCase("fa", "شب-نوروز", "۲۹ اسفند ۱۴۰۴|persian|1404|12|29|اسفند|fa-IR|rtl")]
    [TestCase("ar", "خبر", "٢٨ نوفمبر ٢٠٢٦|gregorian|2026|11|28|نوفمبر|ar|rtl")]
    [TestCase("en", "news", "28 November 2026|gregorian|2026|11|28|November|en|ltr")]
    [TestCase("sq", "lajm", "28 nëntor 2026|gregorian|2026|11|28|nëntor|sq-AL|ltr")]
    public async Task APostIsDatedInItsEditionsCalendarDigitsAndTimeZoneInListsAndAlone(string edition, string slug, string expected)
    {
        var post = await _app.GetJsonAsync($"/v1/{edition}/posts/{Uri.EscapeDataString(slug)}");
        var list = await _app.GetJsonAsync($"/v1/{edition}/posts?perPage=100");
        var summary = list.GetProperty("items").EnumerateArray().Single(p => p.GetProperty("slug").GetString() == slug);
        Assert.Multiple(() =>
        {
            Assert.That(Describe(post), Is.EqualTo(expected));
            Assert.That(Describe(summary), Is.EqualTo(expected));
        });
    }

    [Test]
    public async Task PublishedAtStaysUtc()
    {
        var post = await _app.GetJsonAsync("/v1/ar/posts/%D8%AE%D8%A8%D8%B1");
        Assert.That(post.GetProperty("publishedAt").GetString(), Is.EqualTo("2026-11-27T21:30:00Z"));
    }

    [TestCase("fa", "نوروز", "fa-IR", "rtl")]
    [TestCase("sq", "festa", "sq-AL", "ltr")]
    public async Task TagsSayTheirLanguageAndDirection(string edition, string slug, string language, string direction)
    {
        var tag = await _app.GetJsonAsync($"/v1/{edition}/tags/{Uri.EscapeDataString(slug)}");
        var listed = (await _app.GetJsonAsync($"/v1/{edition}/tags")).GetProperty("items")[0];
        Assert.Multiple(() =>
        {
            foreach (var t in new[] { tag, listed })
            {
                Assert.That(t.GetProperty("language").GetString(), Is.EqualTo(language));
                Assert.That(t.GetProperty("direction").GetString(), Is.EqualTo(direction));
            }
        });
    }

    [Test]
    public async Task EditionsSayTheTimeZoneAndCalendarOfTheirDates()
    {
        var editions = await _app.GetJsonAsync("/v1/editions");
        var rows = editions.EnumerateArray().Select(e => string.Join('|',
            e.GetProperty("code").GetString(), e.GetProperty("timeZone").GetString(), e.GetProperty("calendar").GetString()));
        Assert.That(rows, Is.EqualTo(new[] { "en|UTC|gregorian", "ar|Asia/Riyadh|gregorian", "fa|Asia/Tehran|persian", "sq|Europe/Tirane|gregorian" }));
    }
}
