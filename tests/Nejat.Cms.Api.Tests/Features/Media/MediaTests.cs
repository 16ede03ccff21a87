using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Nejat.Cms.Api.Features.Editorial;
using Nejat.Cms.Api.Features.Media;
using SkiaSharp;

namespace Nejat.Cms.Api.Tests.Features.Media;

public sealed class MediaTests
{
    private CmsApp _app = null!;
    private HttpClient _admin = null!;
    private HttpClient _farsiEditor = null!;
    private HttpClient _previewer = null!;
    private HttpClient _anonymous = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync(new() { ["Cms:MaxDocumentBytes"] = "20000" });
        _admin = await _app.CreateKeyClientAsync(Roles.Admin);
        _farsiEditor = await _app.CreateKeyClientAsync(Roles.Editor, "fa");
        _previewer = await _app.CreateKeyClientAsync(Roles.Previewer);
        _anonymous = _app.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _admin.Dispose();
        _farsiEditor.Dispose();
        _previewer.Dispose();
        _anonymous.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task APhotoIsServedUprightWithoutItsExifOrGps()
    {
        var uploaded = await _admin.UploadAsync(TestFiles.JpegWithExif(40, 20), "photo.jpg", "image/jpeg", new() { ["collection"] = "news-pics" });
        Assert.That(uploaded.Status, Is.EqualTo(HttpStatusCode.Created), uploaded.Body.ToString());
        var url = uploaded.Body.GetProperty("url").GetString()!;
        var served = await _anonymous.GetByteArrayAsync(url);
        using var bitmap = SKBitmap.Decode(served);
        Assert.Multiple(() =>
        {
            Assert.That(uploaded.Body.GetProperty("kind").GetString(), Is.EqualTo("image"));
            Assert.That(uploaded.Body.GetProperty("collection").GetString(), Is.EqualTo("news-pics"));
            Assert.That((uploaded.Body.GetProperty("width").GetInt32(), uploaded.Body.GetProperty("height").GetInt32()), Is.EqualTo((20, 40)));
            Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo((20, 40)));
            // Turned clockwise, the red left half is on top.
            Assert.That(bitmap.GetPixel(10, 3).Red, Is.GreaterThan(200));
            Assert.That(bitmap.GetPixel(10, 36).Blue, Is.GreaterThan(200));
            Assert.That(Encoding.ASCII.GetString(served), Does.Not.Contain("Exif").And.Not.Contain("MM\0*"));
            Assert.That(url, Does.StartWith($"/v1/files/{uploaded.Body.GetProperty("sha256").GetString()}/20.jpg"));
        });
        var original = await _anonymous.GetAsync($"/v1/files/{uploaded.Body.GetProperty("sha256").GetString()}.jpg");
        Assert.That(original.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), "the uploaded bytes, GPS and all, are never served");
    }

    [Test]
    public async Task RenditionsComeInFixedWidthsNeverUpscaledInTheOriginalFormatAndWebP()
    {
        var uploaded = await _admin.UploadAsync(TestFiles.Image(1000, 500, SKEncodedImageFormat.Png));
        Assert.That(uploaded.Status, Is.EqualTo(HttpStatusCode.Created), uploaded.Body.ToString());
        var renditions = uploaded.Body.GetProperty("renditions").EnumerateArray()
            .Select(r => (r.GetProperty("width").GetInt32(), r.GetProperty("height").GetInt32(), r.GetProperty("type").GetString())).ToArray();
        var sha256 = uploaded.Body.GetProperty("sha256").GetString();
        using var webp = await _anonymous.GetAsync($"/v1/files/{sha256}/768.webp");
        using var decoded = SKBitmap.Decode(await webp.Content.ReadAsByteArrayAsync());
        using var png = await _anonymous.GetAsync($"/v1/files/{sha256}/320.png");
        using var upscaled = await _anonymous.GetAsync($"/v1/files/{sha256}/1280.webp");
        using var otherWidth = await _anonymous.GetAsync($"/v1/files/{sha256}/500.webp");
        // A rendition that does not exist (yet, or any more) is made when asked for.
        File.Delete(Path.Combine(_app.MediaDir, "renditions", sha256![..2], sha256, "320.webp"));

        using var onDemand = SKBitmap.Decode(await _anonymous.GetByteArrayAsync($"/v1/files/{sha256}/320.webp"));
        Assert.Multiple(() =>
        {
            Assert.That(renditions, Is.EqualTo(new[]
            {
                (320, 160, "image/png"), (320, 160, "image/webp"),
                (768, 384, "image/png"), (768, 384, "image/webp"),
                (1000, 500, "image/png"), (1000, 500, "image/webp"),
            }));
            Assert.That(webp.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/webp"));
            Assert.That((decoded.Width, decoded.Height), Is.EqualTo((768, 384)));
            Assert.That(png.Content.Headers.ContentType?.MediaType, Is.EqualTo("image/png"));
            Assert.That(upscaled.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That(otherWidth.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
            Assert.That((onDemand.Width, onDemand.Height), Is.EqualTo((320, 160)));
        });
    }

    [Test]
    public async Task TheTypeComesFromTheContentAndRefusalsLeaveNothingBehind()
    {
        var before = TestFiles.UploadedFiles(_app).Length;
        var executable = await _admin.UploadAsync([0x7F, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, .. new byte[200]], "photo.jpg", "image/jpeg");
        var jpeg = TestFiles.Image(300, 200, SKEncodedImageFormat.Jpeg);
        var truncated = await _admin.UploadAsync(jpeg[..(jpeg.Length / 2)], "photo.jpg", "image/jpeg");
        var svg = await _admin.UploadAsync("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8.ToArray(), "logo.svg", "image/svg+xml");
        var after = TestFiles.UploadedFiles(_app).Length;
        var pngAsPdf = await _admin.UploadAsync(TestFiles.Image(30, 20, SKEncodedImageFormat.Png), "issue.pdf", "application/pdf");
        Assert.Multiple(() =>
        {
            foreach (var refused in new[] { executable, truncated, svg })
            {
                Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnsupportedMediaType), refused.Body.ToString());
                Assert.That(refused.ContentType, Is.EqualTo("application/problem+json"));
            }

            Assert.That(truncated.Body.GetProperty("detail").GetString(), Does.Contain("truncated"));
            Assert.That(after, Is.EqualTo(before));
            Assert.That(pngAsPdf.Status, Is.EqualTo(HttpStatusCode.Created));
            Assert.That(pngAsPdf.Body.GetProperty("contentType").GetString(), Is.EqualTo("image/png"));
        });
    }

    [Test]
    public async Task AFileOverItsKindsLimitIsA413AndLeavesNothing()
    {
        var before = TestFiles.UploadedFiles(_app);
        var tooLarge = await _admin.UploadAsync(TestFiles.Pdf(50_000, seed: 7));
        var after = TestFiles.UploadedFiles(_app);
        var image = await _admin.UploadAsync(TestFiles.Image(400, 300, SKEncodedImageFormat.Png));
        Assert.Multiple(() =>
        {
            Assert.That(tooLarge.Status, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge), tooLarge.Body.ToString());
            Assert.That(tooLarge.Body.GetProperty("detail").GetString(), Does.Contain("Cms__MaxDocumentBytes"));
            Assert.That(after, Is.EquivalentTo(before));
            Assert.That(image.Status, Is.EqualTo(HttpStatusCode.Created), "the document limit is not the image limit");
        });
    }

    [Test]
    public async Task IdenticalBytesAreStoredOnceWhileEachUploadKeepsItsOwnItem()
    {
        var pdf = TestFiles.Pdf(3000, seed: 1);
        var first = await _admin.UploadAsync(pdf, fields: new() { ["collection"] = "newsletter" });
        var second = await _admin.UploadAsync(pdf, fields: new() { ["collection"] = "brief" });
        var sha256 = first.Body.GetProperty("sha256").GetString()!;
        var stored = TestFiles.FilesUnder(Path.Combine(_app.MediaDir, "files")).Count(f => Path.GetFileName(f) == sha256);
        var deleted = await _admin.SendAsync(HttpMethod.Delete, $"/v1/admin/media/{first.Body.GetProperty("id")}", ifMatch: first.ETag);
        using var stillServed = await _anonymous.GetAsync(second.Body.GetProperty("url").GetString());
        Assert.Multiple(() =>
        {
            Assert.That(second.Body.GetProperty("sha256").GetString(), Is.EqualTo(sha256));
            Assert.That(second.Body.GetProperty("id").GetInt64(), Is.Not.EqualTo(first.Body.GetProperty("id").GetInt64()));
            Assert.That(second.Body.GetProperty("collection").GetString(), Is.EqualTo("brief"));
            Assert.That(stored, Is.EqualTo(1));
            Assert.That(deleted.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(stillServed.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        });
    }

    [Test]
    public async Task FilesAreImmutableWithAStrongETagRangesAndNosniff()
    {
        var pdf = TestFiles.Pdf(5000, seed: 2);
        var uploaded = await _admin.UploadAsync(pdf, fields: new() { ["collection"] = "newsletter" });
        var url = uploaded.Body.GetProperty("url").GetString()!;
        using var whole = await _anonymous.GetAsync(url);
        using var rangeRequest = new HttpRequestMessage(HttpMethod.Get, url);
        rangeRequest.Headers.Range = new RangeHeaderValue(100, 199);
        using var range = await _anonymous.SendAsync(rangeRequest);
        using var conditional = new HttpRequestMessage(HttpMethod.Get, url);
        conditional.Headers.IfNoneMatch.Add(whole.Headers.ETag!);
        using var notModified = await _anonymous.SendAsync(conditional);
        Assert.Multiple(async () =>
        {
            Assert.That(url, Is.EqualTo($"/v1/files/{uploaded.Body.GetProperty("sha256").GetString()}.pdf"));
            Assert.That(whole.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/pdf"));
            Assert.That(whole.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=31536000, immutable"));
            Assert.That(whole.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            Assert.That(whole.Headers.ETag?.Tag, Is.EqualTo($"\"{uploaded.Body.GetProperty("sha256").GetString()}\""));
            Assert.That(whole.Headers.ETag?.IsWeak, Is.False);
            Assert.That(whole.Headers.AcceptRanges, Does.Contain("bytes"));
            Assert.That(await whole.Content.ReadAsByteArrayAsync(), Is.EqualTo(pdf));
            Assert.That(range.StatusCode, Is.EqualTo(HttpStatusCode.PartialContent));
            Assert.That(range.Content.Headers.ContentRange?.ToString(), Is.EqualTo("bytes 100-199/5000"));
            Assert.That(await range.Content.ReadAsByteArrayAsync(), Is.EqualTo(pdf[100..200]));
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified));
        });
        using var traversal = await _anonymous.GetAsync("/v1/files/..%2F..%2Fpostgres.password");
        Assert.That(traversal.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
    }

    [Test]
    public async Task DocumentsOpenInlineInASandboxWhileImagesAreServedPlain()
    {
        var pdf = await _admin.UploadAsync(TestFiles.Pdf(2000, seed: 11), fields: new() { ["collection"] = "books" });
        var image = await _admin.UploadAsync(TestFiles.Image(50, 40, SKEncodedImageFormat.Png));
        var gif = await _admin.UploadAsync(TestFiles.Gif(20, 10));
        using var document = await _anonymous.GetAsync(pdf.Body.GetProperty("url").GetString());
        using var rendition = await _anonymous.GetAsync(image.Body.GetProperty("url").GetString());
        using var animation = await _anonymous.GetAsync(gif.Body.GetProperty("url").GetString());
        Assert.Multiple(() =>
        {
            Assert.That(document.Headers.GetValues("Content-Security-Policy"), Is.EqualTo(new[] { "sandbox" }));
            Assert.That(document.Content.Headers.ContentDisposition?.DispositionType, Is.EqualTo("inline"));
            Assert.That(document.Content.Headers.ContentDisposition?.FileName, Is.EqualTo($"{pdf.Body.GetProperty("sha256").GetString()}.pdf"));
            foreach (var served in new[] { rendition, animation })
            {
                Assert.That(served.StatusCode, Is.EqualTo(HttpStatusCode.OK));
                Assert.That(served.Headers.Contains("Content-Security-Policy"), Is.False);
                Assert.That(served.Content.Headers.ContentDisposition, Is.Null);
                Assert.That(served.Headers.GetValues("X-Content-Type-Options"), Is.EqualTo(new[] { "nosniff" }));
            }
        });
    }

    [Test]
    public async Task OnlyASingleByteRangeIsHonoured()
    {
        var pdf = TestFiles.Pdf(3000, seed: 12);
        var url = (await _admin.UploadAsync(pdf)).Body.GetProperty("url").GetString()!;
        async Task<(HttpStatusCode Status, string? ContentRange, int Length)> GetWithRange(string range)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("Range", range);
            using var response = await _anonymous.SendAsync(request);
            return (response.StatusCode, response.Content.Headers.ContentRange?.ToString(), (await response.Content.ReadAsByteArrayAsync()).Length);
        }

        Assert.Multiple(async () =>
        {
            Assert.That(await GetWithRange("bytes=0-9"), Is.EqualTo((HttpStatusCode.PartialContent, "bytes 0-9/3000", 10)));
            Assert.That(await GetWithRange("bytes=-100"), Is.EqualTo((HttpStatusCode.PartialContent, "bytes 2900-2999/3000", 100)));
            // RFC 9110 14.2: a range unit the server does not know, a malformed range or a list of ranges is ignored: the whole file.
            Assert.That(await GetWithRange("items=0-1"), Is.EqualTo((HttpStatusCode.OK, (string?)null, 3000)));
            Assert.That(await GetWithRange("bytes=abc"), Is.EqualTo((HttpStatusCode.OK, (string?)null, 3000)));
            Assert.That(await GetWithRange("bytes=9-0"), Is.EqualTo((HttpStatusCode.OK, (string?)null, 3000)));
            Assert.That(await GetWithRange("bytes=0-1,5-9"), Is.EqualTo((HttpStatusCode.OK, (string?)null, 3000)));
            // 14.1.1: a valid range starting past the end is unsatisfiable: 416 with the length.
            Assert.That(await GetWithRange("bytes=5000-"), Is.EqualTo((HttpStatusCode.RequestedRangeNotSatisfiable, "bytes */3000", 0)));
        });
    }

    [Test]
    public async Task ARenditionHasOneSpellingOfItsUrl()
    {
        var uploaded = await _admin.UploadAsync(TestFiles.Image(900, 450, SKEncodedImageFormat.Png));
        var sha256 = uploaded.Body.GetProperty("sha256").GetString()!;
        var pdfSha256 = (await _admin.UploadAsync(TestFiles.Pdf(500, seed: 13))).Body.GetProperty("sha256").GetString()!;
        using var canonical = await _anonymous.GetAsync($"/v1/files/{sha256}/768.webp");
        var aliases = new[] { "0768.webp", "+768.webp", "%20768.webp", "768.webp%20", "768.WEBP", "768.0.webp", "768.webp%0A", "00000768.webp" };
        var answers = new List<(string Alias, HttpStatusCode Status)>();
        foreach (var alias in aliases)
        {
            using var response = await _anonymous.GetAsync($"/v1/files/{sha256}/{alias}");
            answers.Add((alias, response.StatusCode));
        }

        Assert.Multiple(async () =>
        {
            Assert.That(canonical.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(answers, Is.EqualTo(aliases.Select(a => (a, HttpStatusCode.NotFound))));
            // Percent-encoded digits or hex name the same characters; HttpClient would decode them, so they go as sent.
            Assert.That(await RawStatusAsync($"/v1/files/{sha256}/%3768.webp"), Is.EqualTo(404));
            Assert.That(await RawStatusAsync($"/v1/files/%{(int)sha256[0]:X2}{sha256[1..]}/768.webp"), Is.EqualTo(404));
            Assert.That(await RawStatusAsync($"/v1/files/{pdfSha256[..^1]}%{(int)pdfSha256[^1]:X2}.pdf"), Is.EqualTo(404));
            Assert.That(await RawStatusAsync($"/v1/files/{sha256}/768.webp"), Is.EqualTo(200));
        });
    }

    /// <summary>The status of a GET whose request target goes on the wire exactly as given.</summary>
    private async Task<int> RawStatusAsync(string target)
    {
        var uri = _anonymous.BaseAddress!;
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        await using var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"GET {target} HTTP/1.1\r\nHost: {uri.Authority}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync();
        return int.Parse(statusLine!.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }

    [Test]
    public async Task AltTextAndCaptionComeInTheAskedEditionOrTheDefaultOne()
    {
        var uploaded = await _admin.UploadAsync(TestFiles.Image(64, 48, SKEncodedImageFormat.Jpeg), fields: new() { ["collection"] = "photo-gallery" });
        var id = uploaded.Body.GetProperty("id").GetInt64();
        var described = await _admin.SendAsync(HttpMethod.Patch, $"/v1/admin/media/{id}", new
        {
            credit = "Nejat",
            translations = new
            {
                en = new { title = "Herat", alt = "Houses in Herat", caption = "Old houses" },
                fa = new { alt = "خانه‌ها در هرات" },
            },
        }, uploaded.ETag);
        Assert.That(described.Status, Is.EqualTo(HttpStatusCode.OK), described.Body.ToString());
        var farsi = await _app.GetJsonAsync($"/v1/media/{id}?edition=fa");
        var albanian = await _app.GetJsonAsync($"/v1/media/{id}?edition=sq");
        var list = await _app.GetJsonAsync("/v1/media?collection=photo-gallery&kind=image&edition=fa");
        await _app.GetProblemAsync($"/v1/media/{id}?edition=xx", HttpStatusCode.NotFound);
        await _app.GetProblemAsync("/v1/media?collection=nope", HttpStatusCode.NotFound);
        await _app.GetProblemAsync("/v1/media?kind=hologram", HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That(described.ETag, Is.EqualTo("\"2\""));
            Assert.That(farsi.GetProperty("alt").GetString(), Is.EqualTo("خانه‌ها در هرات"));
            Assert.That(farsi.GetProperty("caption").GetString(), Is.EqualTo("Old houses"));
            Assert.That(farsi.GetProperty("credit").GetString(), Is.EqualTo("Nejat"));
            Assert.That(albanian.GetProperty("alt").GetString(), Is.EqualTo("Houses in Herat"));
            Assert.That(list.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetInt64()), Does.Contain(id));
            Assert.That(list.GetProperty("items")[0].GetProperty("alt").GetString(), Is.EqualTo("خانه‌ها در هرات"));
        });
    }

    [Test]
    public async Task EditorsChangeOnlyTheTextsOfTheirEditionsAndNeedTheVersion()
    {
        var uploaded = await _admin.UploadAsync(TestFiles.Pdf(1000, seed: 3));
        var id = uploaded.Body.GetProperty("id").GetInt64();
        var english = await _admin.SendAsync(HttpMethod.Patch, $"/v1/admin/media/{id}", new { translations = new { en = new { caption = "The May issue" } } }, uploaded.ETag);
        var farsiOnEnglish = await _farsiEditor.SendAsync(HttpMethod.Patch, $"/v1/admin/media/{id}", new { translations = new { en = new { caption = "changed" } } }, english.ETag);
        var farsiRemovingEnglish = await _farsiEditor.SendAsync(HttpMethod.Put, $"/v1/admin/media/{id}", new { translations = new { fa = new { caption = "شماره‌ی اردیبهشت" } } }, english.ETag);
        var farsi = await _farsiEditor.SendAsync(HttpMethod.Patch, $"/v1/admin/media/{id}", new { translations = new { fa = new { caption = "شماره‌ی اردیبهشت" } } }, english.ETag);
        var noIfMatch = await _farsiEditor.SendAsync(HttpMethod.Patch, $"/v1/admin/media/{id}", new { credit = "x" });
        var stale = await _farsiEditor.SendAsync(HttpMethod.Patch, $"/v1/admin/media/{id}", new { credit = "x" }, english.ETag);
        var unknownCollection = await _admin.SendAsync(HttpMethod.Patch, $"/v1/admin/media/{id}", new { collection = "nope" }, farsi.ETag);
        var byPreviewer = await _previewer.UploadAsync(TestFiles.Pdf(1000, seed: 4));
        // The English caption makes the item English too: deleting it is for editors of both editions.
        var deleteByFarsiEditor = await _farsiEditor.SendAsync(HttpMethod.Delete, $"/v1/admin/media/{id}", ifMatch: farsi.ETag);
        var deleteByAdmin = await _admin.SendAsync(HttpMethod.Delete, $"/v1/admin/media/{id}", ifMatch: farsi.ETag);
        Assert.Multiple(() =>
        {
            Assert.That(english.Status, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(farsiOnEnglish.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(farsiOnEnglish.Body.GetProperty("detail").GetString(), Does.Contain("'en'"));
            Assert.That(farsiRemovingEnglish.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(farsi.Status, Is.EqualTo(HttpStatusCode.OK), farsi.Body.ToString());
            Assert.That(farsi.Body.GetProperty("translations").GetProperty("en").GetProperty("caption").GetString(), Is.EqualTo("The May issue"));
            Assert.That(noIfMatch.Status, Is.EqualTo(HttpStatusCode.PreconditionRequired));
            Assert.That(stale.Status, Is.EqualTo(HttpStatusCode.PreconditionFailed));
            Assert.That(unknownCollection.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(byPreviewer.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(deleteByFarsiEditor.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(deleteByAdmin.Status, Is.EqualTo(HttpStatusCode.NoContent));
        });
    }

    [Test]
    public async Task PostsCarryTheirFeaturedMediaInTheirEditionAndKeepItFromDeletion()
    {
        var photo = await _admin.UploadAsync(TestFiles.Image(900, 600, SKEncodedImageFormat.Jpeg), fields: new() { ["collection"] = "news-pics" });
        var mediaId = photo.Body.GetProperty("id").GetInt64();
        var described = await _farsiEditor.SendAsync(HttpMethod.Patch, $"/v1/admin/media/{mediaId}", new { translations = new { fa = new { alt = "بازار هرات" } } }, photo.ETag);
        var post = await _farsiEditor.PostJsonAsync("/v1/admin/posts", new { edition = "fa", title = "بازار", status = "published", featuredMediaId = mediaId });
        var second = await _farsiEditor.PostJsonAsync("/v1/admin/posts", new { edition = "fa", title = "بی‌عکس", status = "published" });
        var patched = await _farsiEditor.SendAsync(HttpMethod.Patch, $"/v1/admin/posts/{second.Body.GetProperty("id")}", new { featuredMediaId = mediaId }, second.ETag, "application/merge-patch+json");
        var unknown = await _farsiEditor.PostJsonAsync("/v1/admin/posts", new { edition = "fa", title = "ناموجود", featuredMediaId = 999_999 });
        var slug = Uri.EscapeDataString(post.Body.GetProperty("slug").GetString()!);
        var full = await _app.GetJsonAsync($"/v1/fa/posts/{slug}");
        var list = await _app.GetJsonAsync("/v1/fa/posts");
        var inUse = await _admin.SendAsync(HttpMethod.Delete, $"/v1/admin/media/{mediaId}", ifMatch: described.ETag);
        var forced = await _admin.SendAsync(HttpMethod.Delete, $"/v1/admin/media/{mediaId}?force=true", ifMatch: described.ETag);
        var afterDelete = await _app.GetJsonAsync($"/v1/fa/posts/{slug}");
        var postAfterDelete = await _farsiEditor.GetFromJsonAsync($"/v1/admin/posts/{post.Body.GetProperty("id")}");
        Assert.Multiple(() =>
        {
            Assert.That(post.Status, Is.EqualTo(HttpStatusCode.Created), post.Body.ToString());
            Assert.That(post.Body.GetProperty("featuredMediaId").GetInt64(), Is.EqualTo(mediaId));
            Assert.That(patched.Status, Is.EqualTo(HttpStatusCode.OK), patched.Body.ToString());
            Assert.That(unknown.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(unknown.Body.GetProperty("errors").TryGetProperty("featuredMediaId", out _), Is.True);
            Assert.That(full.GetProperty("featuredMedia").GetProperty("alt").GetString(), Is.EqualTo("بازار هرات"));
            Assert.That(full.GetProperty("featuredMedia").GetProperty("renditions").GetArrayLength(), Is.EqualTo(6));
            Assert.That(list.GetProperty("items").EnumerateArray().Count(i => i.GetProperty("featuredMedia").ValueKind == System.Text.Json.JsonValueKind.Object), Is.EqualTo(2));
            Assert.That(inUse.Status, Is.EqualTo(HttpStatusCode.Conflict));
            Assert.That(inUse.Body.GetProperty("detail").GetString(), Does.Contain("force=true"));
            Assert.That(forced.Status, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(afterDelete.GetProperty("featuredMedia").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(postAfterDelete.GetProperty("version").GetInt32(), Is.EqualTo(2));
        });
    }

    [Test]
    public async Task AYouTubeLinkBecomesAVideoWithItsEmbedData()
    {
        var added = await _farsiEditor.PostJsonAsync("/v1/admin/media/videos", new
        {
            url = "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
            collection = "videos",
            translations = new { fa = new { title = "گفت‌وگو" } },
        });
        var englishByFarsiEditor = await _farsiEditor.PostJsonAsync("/v1/admin/media/videos", new { url = "https://vimeo.com/76979871", translations = new { en = new { title = "Talk" } } });
        var notAVideo = await _farsiEditor.PostJsonAsync("/v1/admin/media/videos", new { url = "https://example.com/clip" });
        Assert.That(added.Status, Is.EqualTo(HttpStatusCode.Created), added.Body.ToString());
        var item = await _app.GetJsonAsync($"/v1/media/{added.Body.GetProperty("id")}?edition=fa");
        var videos = await _app.GetJsonAsync("/v1/media?kind=video&collection=videos");
        Assert.Multiple(() =>
        {
            Assert.That(item.GetProperty("kind").GetString(), Is.EqualTo("video"));
            Assert.That(item.GetProperty("title").GetString(), Is.EqualTo("گفت‌وگو"));
            Assert.That(item.GetProperty("url").ValueKind, Is.EqualTo(System.Text.Json.JsonValueKind.Null));
            Assert.That(item.GetProperty("video").GetProperty("provider").GetString(), Is.EqualTo("youtube"));
            Assert.That(item.GetProperty("video").GetProperty("id").GetString(), Is.EqualTo("dQw4w9WgXcQ"));
            Assert.That(item.GetProperty("video").GetProperty("embedUrl").GetString(), Is.EqualTo("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"));
            Assert.That(item.GetProperty("video").GetProperty("thumbnailUrl").GetString(), Does.StartWith("https://i.ytimg.com/"));
            Assert.That(videos.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("id").GetInt64()), Does.Contain(added.Body.GetProperty("id").GetInt64()));
            Assert.That(englishByFarsiEditor.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(notAVideo.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(notAVideo.Body.GetProperty("errors").TryGetProperty("url", out _), Is.True);
        });
    }

    [Test]
    public async Task AdminsAddCollectionsToTheSevenTheSiteStartsWith()
    {
        var before = await _app.GetJsonAsync("/v1/media/collections");
        var added = await _admin.PostJsonAsync("/v1/admin/media/collections", new { name = "Podcasts" });
        var again = await _admin.PostJsonAsync("/v1/admin/media/collections", new { name = "Podcasts" });
        var chosenAgain = await _admin.PostJsonAsync("/v1/admin/media/collections", new { name = "Podcasts", slug = "podcasts" });
        var byEditor = await _farsiEditor.PostJsonAsync("/v1/admin/media/collections", new { name = "Other" });
        var nonLatin = await _admin.PostJsonAsync("/v1/admin/media/collections", new { name = "پادکست" });
        var uploaded = await _admin.UploadAsync(TestFiles.Pdf(800, seed: 9), fields: new() { ["collection"] = "podcasts" });
        Assert.Multiple(() =>
        {
            Assert.That(before.EnumerateArray().Select(c => c.GetProperty("slug").GetString()),
                Is.SupersetOf(new[] { "cartoons", "news-pics", "photo-gallery", "videos", "books", "newsletter", "brief" }));
            Assert.That(added.Status, Is.EqualTo(HttpStatusCode.Created), added.Body.ToString());
            Assert.That(added.Body.GetProperty("slug").GetString(), Is.EqualTo("podcasts"));
            Assert.That(again.Body.GetProperty("slug").GetString(), Is.EqualTo("podcasts-2"), "a slug made from a taken name is numbered");
            Assert.That(chosenAgain.Status, Is.EqualTo(HttpStatusCode.Conflict), "a chosen slug that is taken is refused");
            Assert.That(byEditor.Status, Is.EqualTo(HttpStatusCode.Forbidden));
            Assert.That(nonLatin.Status, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(uploaded.Status, Is.EqualTo(HttpStatusCode.Created));
        });
    }

    [Test]
    public async Task TheSweeperRemovesFilesNoRowNamesAndStaleUploadsAfterTheGracePeriod()
    {
        var kept = await _admin.UploadAsync(TestFiles.Pdf(1000, seed: 5));
        var keptSha = kept.Body.GetProperty("sha256").GetString()!;
        var orphan = await _admin.UploadAsync(TestFiles.Pdf(1000, seed: 6));
        var orphanSha = orphan.Body.GetProperty("sha256").GetString()!;
        // A crash between placing the file and committing its row leaves a file no row names; so does a deleted item.
        await _admin.SendAsync(HttpMethod.Delete, $"/v1/admin/media/{orphan.Body.GetProperty("id")}", ifMatch: orphan.ETag);
        var freshOrphanSha = new string('a', 64);
        var freshOrphan = Path.Combine(_app.MediaDir, "files", "aa", freshOrphanSha);
        Directory.CreateDirectory(Path.GetDirectoryName(freshOrphan)!);
        await File.WriteAllTextAsync(freshOrphan, "just placed, row not yet committed");
        var staleTemp = Path.Combine(_app.MediaDir, "tmp", $"{Guid.NewGuid():N}.upload");
        await File.WriteAllTextAsync(staleTemp, "an upload that died");
        var longAgo = DateTime.UtcNow.AddHours(-2);
        foreach (var path in TestFiles.FilesUnder(_app.MediaDir).Where(p => p != freshOrphan))
        {
            File.SetLastWriteTimeUtc(path, longAgo);
        }

        var sweeper = _app.Services.GetRequiredService<MediaSweeper>();
        var (files, temps) = await sweeper.SweepAsync(CancellationToken.None);
        var remaining = TestFiles.FilesUnder(_app.MediaDir).Select(Path.GetFileName).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(files, Is.GreaterThanOrEqualTo(1));
            Assert.That(temps, Is.GreaterThanOrEqualTo(1));
            Assert.That(remaining, Does.Contain(keptSha));
            Assert.That(remaining, Does.Contain(freshOrphanSha), "inside the grace period");
            Assert.That(remaining, Does.Not.Contain(orphanSha));
            Assert.That(remaining, Does.Not.Contain(Path.GetFileName(staleTemp)));
        });
        File.Delete(freshOrphan);
    }
}
