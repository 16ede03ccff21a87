using System.Net;

namespace Nejat.Cms.Api.Tests.Features.Authors;

public sealed class AuthorTests
{
    private CmsApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        await _app.SeedAsync(
            Seed.Author("ana-hoxha", "Ana Hoxha"),
            Seed.Author("maryam-rahimi", "مریم رحیمی"),
            Seed.Author("ahmad-karimi", "أحمد كريمي"),
            Seed.Author("emma-jones", "Emma Jones"),
            Seed.Post("en", "one", author: "emma-jones"),
            Seed.Post("fa", "two", author: "emma-jones"),
            Seed.Post("fa", "three", author: "emma-jones", status: "draft", publishedAt: null));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task ListIsAlphabeticalAcrossScriptsWithPublishedCounts()
    {
        var list = await _app.GetJsonAsync("/v1/authors");
        var items = list.GetProperty("items").EnumerateArray()
            .Select(a => (a.GetProperty("slug").GetString(), a.GetProperty("postCount").GetInt64())).ToArray();
        Assert.That(items, Is.EqualTo(new[]
        {
            ("ana-hoxha", 0L), ("emma-jones", 2L), ("ahmad-karimi", 0L), ("maryam-rahimi", 0L),
        }));
    }

    [Test]
    public async Task ListIsPaged()
    {
        var list = await _app.GetJsonAsync("/v1/authors?perPage=3");
        Assert.Multiple(() =>
        {
            Assert.That(list.GetProperty("items").GetArrayLength(), Is.EqualTo(3));
            Assert.That(list.GetProperty("page").GetProperty("totalItems").GetInt64(), Is.EqualTo(4));
            Assert.That(list.GetProperty("links").GetProperty("next").GetString(), Is.EqualTo("/v1/authors?page=2&perPage=3"));
        });
    }

    [Test]
    public async Task OneAuthorBySlug()
    {
        var author = await _app.GetJsonAsync("/v1/authors/maryam-rahimi");
        Assert.That(author.GetProperty("name").GetString(), Is.EqualTo("مریم رحیمی"));
    }

    [Test]
    public async Task UnknownAuthorIsA404NamingTheSlug()
    {
        var problem = await _app.GetProblemAsync("/v1/authors/nobody", HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("detail").GetString(), Does.Contain("'nobody'"));
    }

    [Test]
    public async Task BadPagingIsA400()
    {
        var problem = await _app.GetProblemAsync("/v1/authors?page=x", HttpStatusCode.BadRequest);
        Assert.That(problem.GetProperty("errors").TryGetProperty("page", out _), Is.True);
    }
}
