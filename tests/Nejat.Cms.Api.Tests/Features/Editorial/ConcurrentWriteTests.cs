using System.Net;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Features.Editorial;

/// <summary>Writes that arrive together: each gets its own slug, and a race for a chosen one is a 409, never a 500.</summary>
public sealed class ConcurrentWriteTests
{
    private CmsApp _app = null!;
    private HttpClient _admin = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        _admin = await _app.CreateKeyClientAsync(Roles.Admin);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        await _app.DisposeAsync();
    }

    private static readonly object[] Creations =
    [
        new object[] { "/v1/admin/posts", new { edition = "fa", title = "خبر همزمان" } },
        new object[] { "/v1/admin/pages", new { edition = "fa", title = "درباره ما" } },
        new object[] { "/v1/admin/tags", new { edition = "sq", name = "Çështje" } },
        new object[] { "/v1/admin/galleries", new { titles = new { en = "Same gallery" } } },
        new object[] { "/v1/admin/media/collections", new { name = "Podcasts" } },
        new object[] { "/v1/admin/authors", new { name = "Ana Hoxha" } },
    ];

    [TestCaseSource(nameof(Creations))]
    public async Task EightCreatesWithTheSameTitleAtOnceGetEightSlugs(string url, object body)
    {
        var replies = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _admin.PostJsonAsync(url, body)));
        Assert.Multiple(() =>
        {
            Assert.That(replies.Select(r => r.Status), Is.All.EqualTo(HttpStatusCode.Created), string.Join("\n", replies.Select(r => r.Body.ToString())));
            Assert.That(replies.Select(r => r.Body.GetProperty("slug").GetString()).Distinct().Count(), Is.EqualTo(8));
        });
    }

    [Test]
    public async Task EightRenamesToTheSameSlugAtOnceGiveOneRenameAndSevenConflicts()
    {
        var posts = new List<EditorialClient.Reply>();
        for (var i = 0; i < 8; i++)
        {
            posts.Add(await _admin.PostJsonAsync("/v1/admin/posts", new { edition = "en", title = $"Rename {i}" }));
        }

        var replies = await Task.WhenAll(posts.Select(p => _admin.SendAsync(HttpMethod.Patch, $"/v1/admin/posts/{p.Body.GetProperty("id")}",
            new { slug = "the-one" }, p.ETag, "application/merge-patch+json")));
        Assert.Multiple(() =>
        {
            Assert.That(replies.Count(r => r.Status == HttpStatusCode.OK), Is.EqualTo(1));
            Assert.That(replies.Count(r => r.Status == HttpStatusCode.Conflict), Is.EqualTo(7), string.Join("\n", replies.Select(r => $"{r.Status} {r.Body}")));
        });
    }
}
