using System.Net;

namespace Nejat.Cms.Api.Tests.Features.Tags;

public sealed class TagTests
{
    private CmsApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        await _app.SeedAsync(
            Seed.Tag("fa", "پناهندگان", "پناهندگان"),
            Seed.Tag("fa", "ایران", "ایران"),
            Seed.Tag("fa", "بدون-نوشته", "بدون نوشته"),
            Seed.Tag("fa", "چاپ", "چاپ"),
            Seed.Tag("en", "refugees", "Refugees"),
            Seed.Post("fa", "a", tags: ["پناهندگان", "ایران"]),
            Seed.Post("fa", "b", tags: ["پناهندگان"]),
            Seed.Post("fa", "c", tags: ["پناهندگان"], status: "draft", publishedAt: null),
            Seed.Post("fa", "d", tags: ["ایران"], status: "scheduled", publishedAt: "2099-01-01T00:00:00Z"));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task ListIsAlphabeticalInTheEditionWithPublishedCountsOnly()
    {
        var list = await _app.GetJsonAsync("/v1/fa/tags");
        var items = list.GetProperty("items").EnumerateArray()
            .Select(t => (t.GetProperty("slug").GetString(), t.GetProperty("postCount").GetInt32())).ToArray();
        // Root collation: ا ب پ … چ (پ after ب, چ after ج), not code-point order.
        Assert.That(items, Is.EqualTo(new[] { ("ایران", 1), ("بدون-نوشته", 0), ("پناهندگان", 2), ("چاپ", 0) }));
        Assert.That(list.GetProperty("page").GetProperty("totalItems").GetInt64(), Is.EqualTo(4));
    }

    [Test]
    public async Task ListIsPaged()
    {
        var list = await _app.GetJsonAsync("/v1/fa/tags?page=2&perPage=3");
        Assert.Multiple(() =>
        {
            Assert.That(list.GetProperty("items").GetArrayLength(), Is.EqualTo(1));
            Assert.That(list.GetProperty("page").GetProperty("totalPages").GetInt32(), Is.EqualTo(2));
            Assert.That(list.GetProperty("links").GetProperty("prev").GetString(), Is.EqualTo("/v1/fa/tags?page=1&perPage=3"));
        });
    }

    [Test]
    public async Task OneTagBySlugPercentEncoded()
    {
        var tag = await _app.GetJsonAsync($"/v1/fa/tags/{Uri.EscapeDataString("پناهندگان")}");
        Assert.Multiple(() =>
        {
            Assert.That(tag.GetProperty("name").GetString(), Is.EqualTo("پناهندگان"));
            Assert.That(tag.GetProperty("edition").GetString(), Is.EqualTo("fa"));
            Assert.That(tag.GetProperty("postCount").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task PublishingChangesTheCountsAndUnpublishingTakesThemBack()
    {
        async Task<(int Tag, long Edition)> CountsAsync() => (
            (await _app.GetJsonAsync("/v1/en/tags/refugees")).GetProperty("postCount").GetInt32(),
            (await _app.GetJsonAsync("/v1/en/posts")).GetProperty("page").GetProperty("totalItems").GetInt64());

        await _app.SeedAsync(Seed.Post("en", "fresh", tags: ["refugees"]));
        Assert.That(await CountsAsync(), Is.EqualTo((1, 1L)));

        await _app.SeedAsync(Seed.Post("en", "fresh", tags: ["refugees"], title: "Edited, still published"));
        Assert.That(await CountsAsync(), Is.EqualTo((1, 1L)));

        await _app.SeedAsync(Seed.Post("en", "fresh", tags: ["refugees"], status: "draft"));
        Assert.That(await CountsAsync(), Is.EqualTo((0, 0L)));
    }

    [Test]
    public async Task TagOfAnotherEditionIsA404()
    {
        var problem = await _app.GetProblemAsync("/v1/en/tags/ایران", HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Tag not found"));
    }

    [Test]
    public async Task UnknownEditionIsA404()
    {
        var problem = await _app.GetProblemAsync("/v1/zz/tags", HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Edition not found"));
    }

    [Test]
    public async Task BadPagingIsA400()
    {
        var problem = await _app.GetProblemAsync("/v1/fa/tags?perPage=101", HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("perPage", out _), Is.True);
    }
}
