using System.Net;
using Nejat.Cms.Api.Features.Editorial;
using SkiaSharp;

namespace Nejat.Cms.Api.Tests.Features.Galleries;

public sealed class GalleryTests
{
    private CmsApp _app = null!;
    private HttpClient _admin = null!;
    private HttpClient _farsiEditor = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        _admin = await _app.CreateKeyClientAsync(Roles.Admin);
        _farsiEditor = await _app.CreateKeyClientAsync(Roles.Editor, "fa");
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        _farsiEditor.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task AGalleryShowsItsMediaInOrderWithTheEditionsTitleAndTexts()
    {
        var ids = new List<long>();
        foreach (var width in new[] { 50, 60, 70 })
        {
            var photo = await _admin.UploadAsync(TestFiles.Image(width, 40, SKEncodedImageFormat.Png), fields: new() { ["collection"] = "photo-gallery" });
            ids.Add(photo.Body.GetProperty("id").GetInt64());
        }

        var created = await _farsiEditor.PostJsonAsync("/v1/admin/galleries", new { slug = "herat", titles = new { fa = "هرات" }, mediaIds = new[] { ids[2], ids[0], ids[1] } });
        var englishTitle = await _farsiEditor.SendAsync(HttpMethod.Put, $"/v1/admin/galleries/{created.Body.GetProperty("id")}",
            new { slug = "herat", titles = new { fa = "هرات", en = "Herat" }, mediaIds = new[] { ids[2], ids[0], ids[1] } }, created.ETag);
        var withEnglish = await _admin.SendAsync(HttpMethod.Put, $"/v1/admin/galleries/{created.Body.GetProperty("id")}",
            new { slug = "herat", titles = new { fa = "هرات", en = "Herat" }, mediaIds = new[] { ids[2], ids[0] } }, created.ETag);
        var duplicate = await _admin.PostJsonAsync("/v1/admin/galleries", new { slug = "herat", titles = new { en = "Again" } });
        var unknownMedia = await _admin.PostJsonAsync("/v1/admin/galleries", new { titles = new { en = "Missing" }, mediaIds = new[] { 999_999L } });
        var farsi = await _app.GetJsonAsync("/v1/fa/galleries/herat");
        var list = await _app.GetJsonAsync("/v1/en/galleries");
        await _app.GetProblemAsync("/v1/sq/galleries/herat", HttpStatusCode.NotFound);
        var mediaInUse = await _admin.SendAsync(HttpMethod.Delete, $"/v1/admin/media/{ids[0]}", ifMatch: "\"1\"");
        var deletedByFarsiEditor = await _farsiEditor.SendAsync(HttpMethod.Delete, $"/v1/admin/galleries/{created.Body.GetProperty("id")}", ifMatch: withEnglish.ETag);
        Assert.Multiple(() =>
        {
            Assert.That(created.Status, Is.EqualTo(HttpStatusCode.Created), created.Body.ToString());
            Assert.That(englishTitle.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(withEnglish.Status, Is.EqualTo(HttpStatusCode.OK), withEnglish.Body.ToString());
            Assert.That(duplicate.Status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(unknownMedia.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(farsi.GetProperty("title").GetString(), Is.EqualTo("هرات"));
            Assert.That(farsi.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()), Is.EqualTo(new[] { ids[2], ids[0] }));
            Assert.That(farsi.GetProperty("cover").GetProperty("id").GetInt64(), Is.EqualTo(ids[2]));
            Assert.That(list.GetProperty("items")[0].GetProperty("title").GetString(), Is.EqualTo("Herat"));
            Assert.That(list.GetProperty("items")[0].GetProperty("itemCount").GetInt32(), Is.EqualTo(2));
            Assert.That(mediaInUse.Status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(deletedByFarsiEditor.Status, Is.EqualTo(HttpStatusCode.Forbidden), "it has an English title too");
        });
    }
}
