using System.Net;
using System.Text;
using System.Text.Json;

namespace Nejat.Cms.Api.Tests.Features.Posts;

public sealed class GetPostTests
{
    private const string FarsiSlug = "خانه‌ها-در-هرات"; // with a zero-width non-joiner
    private const string ArabicSlug = "اللاجئون-في-أوروبا";
    private CmsApp _app = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        await _app.SeedAsync(
            Seed.Author("maryam-rahimi", "مریم رحیمی"),
            Seed.Tag("fa", "حقوق-بشر", "حقوق بشر"),
            Seed.Tag("fa", "پناهندگان", "پناهندگان"),
            Seed.Post("fa", "oldest", "2024-01-01T00:00:00Z"),
            Seed.Post("fa", FarsiSlug, "2024-02-01T00:00:00Z", tags: ["حقوق-بشر", "پناهندگان"], author: "maryam-rahimi",
                translationKey: "herat", title: "خانه‌ها در هرات", byline: "گزارش از هرات", bodyHtml: "<p dir=\"rtl\">متن کامل «گزارش»</p>"),
            Seed.Post("fa", "draft-between", "2024-02-15T00:00:00Z", status: "draft"),
            Seed.Post("fa", "newest", "2024-03-01T00:00:00Z"),
            Seed.Post("en", "houses-in-herat", "2024-02-01T00:00:00Z", translationKey: "herat"),
            Seed.Post("ar", ArabicSlug, "2024-02-01T00:00:00Z", translationKey: "herat", title: "اللاجئون في أوروبا"),
            Seed.Post("sq", "shtëpitë-në-herat", "2024-02-01T00:00:00Z", translationKey: "herat", status: "draft"),
            Seed.Post("en", "tie-1", "2024-05-01T00:00:00Z"),
            Seed.Post("en", "tie-2", "2024-05-01T00:00:00Z"),
            Seed.Post("en", "tie-3", "2024-05-01T00:00:00Z"));
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _app.DisposeAsync();

    [Test]
    public async Task FullPostHasBodyNeighboursTagsAuthorAndPublishedTranslations()
    {
        var post = await _app.GetJsonAsync($"/v1/fa/posts/{Uri.EscapeDataString(FarsiSlug)}");
        Assert.Multiple(() =>
        {
            Assert.That(post.GetProperty("slug").GetString(), Is.EqualTo(FarsiSlug));
            Assert.That(post.GetProperty("title").GetString(), Is.EqualTo("خانه‌ها در هرات"));
            Assert.That(post.GetProperty("bodyHtml").GetString(), Is.EqualTo("<p dir=\"rtl\">متن کامل «گزارش»</p>"));
            Assert.That(post.GetProperty("byline").GetString(), Is.EqualTo("گزارش از هرات"));
            Assert.That(post.GetProperty("author").GetProperty("slug").GetString(), Is.EqualTo("maryam-rahimi"));
            Assert.That(post.GetProperty("primaryTag").GetProperty("name").GetString(), Is.EqualTo("حقوق بشر"));
            Assert.That(post.GetProperty("tags").EnumerateArray().Select(t => t.GetProperty("slug").GetString()),
                Is.EqualTo(new[] { "حقوق-بشر", "پناهندگان" }));
            // The draft between them is skipped; the sq translation is a draft and stays hidden.
            Assert.That(post.GetProperty("newer").GetProperty("slug").GetString(), Is.EqualTo("newest"));
            Assert.That(post.GetProperty("older").GetProperty("slug").GetString(), Is.EqualTo("oldest"));
            Assert.That(post.GetProperty("translations").EnumerateArray().Select(t => $"{t.GetProperty("edition")}:{t.GetProperty("slug")}"),
                Is.EqualTo(new[] { "en:houses-in-herat", $"ar:{ArabicSlug}" }));
        });
    }

    [Test]
    public async Task NewestAndOldestHaveNullNeighbours()
    {
        var newest = await _app.GetJsonAsync("/v1/fa/posts/newest");
        var oldest = await _app.GetJsonAsync("/v1/fa/posts/oldest");
        Assert.Multiple(() =>
        {
            Assert.That(newest.GetProperty("newer").ValueKind, Is.EqualTo(JsonValueKind.Null));
            Assert.That(oldest.GetProperty("older").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public async Task NeighboursFollowTheListOrderThroughTies()
    {
        var middle = await _app.GetJsonAsync("/v1/en/posts/tie-2");
        Assert.Multiple(() =>
        {
            Assert.That(middle.GetProperty("newer").GetProperty("slug").GetString(), Is.EqualTo("tie-3"));
            Assert.That(middle.GetProperty("older").GetProperty("slug").GetString(), Is.EqualTo("tie-1"));
        });
    }

    [Test]
    public async Task DecomposedSlugFindsTheComposedPost()
    {
        // "ë" sent as e + combining diaeresis still finds the post (lookups are NFC).
        await _app.SeedAsync(Seed.Post("sq", "për-ju", "2024-01-01T00:00:00Z"));
        var decomposed = "për-ju".Normalize(NormalizationForm.FormD);
        var post = await _app.GetJsonAsync($"/v1/sq/posts/{Uri.EscapeDataString(decomposed)}");
        Assert.That(post.GetProperty("slug").GetString(), Is.EqualTo("për-ju"));
    }

    [TestCase(ArabicSlug)] // raw: the client encodes it, as browsers, curl and HttpClient do
    [TestCase("%D8%A7%D9%84%D9%84%D8%A7%D8%AC%D8%A6%D9%88%D9%86-%D9%81%D9%8A-%D8%A3%D9%88%D8%B1%D9%88%D8%A8%D8%A7")]
    [TestCase("%d8%a7%d9%84%d9%84%d8%a7%d8%ac%d8%a6%d9%88%d9%86-%d9%81%d9%8a-%d8%a3%d9%88%d8%b1%d9%88%d8%a8%d8%a7")]
    public async Task ArabicSlugWorksRawAndPercentEncodedInEitherCase(string slugInUrl)
    {
        using var client = _app.CreateClient();
        using var response = await client.GetAsync($"/v1/ar/posts/{slugInUrl}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.CharSet, Is.EqualTo("utf-8"));
            Assert.That(body, Does.Contain("\"title\":\"اللاجئون في أوروبا\""), "UTF-8 text in the JSON, not \\u escapes");
        });
    }

    [Test]
    public async Task DraftIsA404()
    {
        var problem = await _app.GetProblemAsync("/v1/fa/posts/draft-between", HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Post not found"));
    }

    [Test]
    public async Task UnknownEditionIsA404NamingTheEdition()
    {
        var problem = await _app.GetProblemAsync("/v1/de/posts/oldest", HttpStatusCode.NotFound);
        Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo("Edition not found"));
    }

    [Test]
    public async Task UnknownPathIsAProblemToo()
    {
        await _app.GetProblemAsync("/v2/nothing-here", HttpStatusCode.NotFound);
    }
}
