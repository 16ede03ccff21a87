using System.Net;
using Nejat.Cms.Api.Features.Editorial;

namespace Nejat.Cms.Api.Tests.Features.Settings;

public sealed class SettingsTests
{
    private CmsApp _app = null!;
    private HttpClient _arabicEditor = null!;
    private HttpClient _arabicAuthor = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        _arabicEditor = await _app.CreateKeyClientAsync(Roles.Editor, "ar");
        _arabicAuthor = await _app.CreateKeyClientAsync(Roles.Author, "ar");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _arabicEditor.Dispose();
        _arabicAuthor.Dispose();
        await _app.DisposeAsync();
    }

    private static object ArabicSettings(string title = "نجات") => new
    {
        title,
        description = "أخبار وتعليقات",
        copyright = "© ٢٠٢٤ نجات",
        socialLinks = new[]
        {
            new { network = "telegram", url = "https://t.me/nejat_ar" },
            new { network = "x", url = "https://x.com/nejat_ar" },
        },
        shareTargets = new[] { "telegram", "whatsapp", "x" },
    };

    [Test]
    public async Task AnArabicEditorSetsTheSettingsAndThePublicReadsThem()
    {
        var empty = await _app.GetJsonAsync("/v1/ar/settings");
        var current = await _arabicEditor.SendAsync(HttpMethod.Get, "/v1/admin/settings/ar");
        var replaced = await _arabicEditor.SendAsync(HttpMethod.Put, "/v1/admin/settings/ar", ArabicSettings(), current.ETag);
        var patched = await _arabicEditor.SendAsync(HttpMethod.Patch, "/v1/admin/settings/ar", new { description = "أخبار" }, replaced.ETag, "application/merge-patch+json");
        var settings = await _app.GetJsonAsync("/v1/ar/settings");
        Assert.Multiple(() =>
        {
            Assert.That(empty.GetProperty("title").GetString(), Is.Empty);
            Assert.That(current.ETag, Is.EqualTo("\"0\""));
            Assert.That(replaced.Status, Is.EqualTo(HttpStatusCode.OK), replaced.Body.ToString());
            Assert.That(replaced.ETag, Is.EqualTo("\"1\""));
            Assert.That(patched.Status, Is.EqualTo(HttpStatusCode.OK), patched.Body.ToString());
            Assert.That(patched.ETag, Is.EqualTo("\"2\""));
            Assert.That(settings.GetProperty("title").GetString(), Is.EqualTo("نجات"));
            Assert.That(settings.GetProperty("description").GetString(), Is.EqualTo("أخبار"));
            Assert.That(settings.GetProperty("copyright").GetString(), Is.EqualTo("© ٢٠٢٤ نجات"));
            Assert.That(settings.GetProperty("socialLinks")[0].GetProperty("url").GetString(), Is.EqualTo("https://t.me/nejat_ar"));
            Assert.That(settings.GetProperty("shareTargets").GetArrayLength(), Is.EqualTo(3));
            Assert.That(settings.GetProperty("language").GetString(), Is.EqualTo("ar"));
            Assert.That(settings.GetProperty("direction").GetString(), Is.EqualTo("rtl"));
        });
    }

    [Test]
    public async Task WritesNeedTheCurrentVersionAndTheEditionsRights()
    {
        var current = await _arabicEditor.SendAsync(HttpMethod.Get, "/v1/admin/settings/ar");
        var missing = await _arabicEditor.SendAsync(HttpMethod.Put, "/v1/admin/settings/ar", ArabicSettings());
        var stale = await _arabicEditor.SendAsync(HttpMethod.Put, "/v1/admin/settings/ar", ArabicSettings(), "\"999\"");
        var otherEdition = await _arabicEditor.SendAsync(HttpMethod.Put, "/v1/admin/settings/fa", ArabicSettings(), "\"0\"");
        var author = await _arabicAuthor.SendAsync(HttpMethod.Put, "/v1/admin/settings/ar", ArabicSettings(), current.ETag);
        var noEdition = await _app.GetProblemAsync("/v1/xx/settings", HttpStatusCode.NotFound);
        Assert.Multiple(() =>
        {
            Assert.That(missing.Status, Is.EqualTo(HttpStatusCode.PreconditionRequired));
            Assert.That(stale.Status, Is.EqualTo(HttpStatusCode.PreconditionFailed));
            Assert.That(otherEdition.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(author.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(noEdition.GetProperty("title").GetString(), Is.EqualTo("Edition not found"));
        });
    }

    [Test]
    public async Task BadSettingsAreRefusedFieldByField()
    {
        var current = await _arabicEditor.SendAsync(HttpMethod.Get, "/v1/admin/settings/ar");
        var refused = await _arabicEditor.SendAsync(HttpMethod.Put, "/v1/admin/settings/ar", new
        {
            title = "",
            socialLinks = new[] { new { network = "facebook", url = "http://facebook.com/nejat" }, new { network = "Bad Name", url = "/relative" } },
            shareTargets = new[] { "myspace" },
        }, current.ETag);
        var unknown = await _arabicEditor.SendAsync(HttpMethod.Put, "/v1/admin/settings/ar", new { title = "x", colour = "red" }, current.ETag);
        var after = await _arabicEditor.SendAsync(HttpMethod.Get, "/v1/admin/settings/ar");
        Assert.Multiple(() =>
        {
            Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(refused.Body.GetProperty("errors").EnumerateObject().Select(e => e.Name),
                Is.EquivalentTo(new[] { "title", "socialLinks[0].url", "socialLinks[1].network", "socialLinks[1].url", "shareTargets[0]" }));
            Assert.That(unknown.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(after.ETag, Is.EqualTo(current.ETag), "nothing was written");
        });
    }
}
