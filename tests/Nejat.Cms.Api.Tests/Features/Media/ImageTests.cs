using System.Net;
using System.Text;
using Nejat.Cms.Api.Features.Editorial;
using SkiaSharp;

namespace Nejat.Cms.Api.Tests.Features.Media;

/// <summary>Image uploads and renditions through HTTP: sizes, pixels, metadata, refusals, and several images at once.</summary>
public sealed class ImageTests
{
    private CmsApp _app = null!;
    private HttpClient _author = null!;
    private HttpClient _anonymous = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _app = await CmsApp.StartAsync();
        _author = await _app.CreateKeyClientAsync(Roles.Author);
        _anonymous = _app.CreateClient();
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _author.Dispose();
        _anonymous.Dispose();
        await _app.DisposeAsync();
    }

    [Test]
    public async Task ALargePngSmallOnDiskGetsEveryRenditionAtItsSizeWithItsColours()
    {
        var png = TestFiles.Png(5000, 2500);
        Assert.That(png, Has.Length.LessThan(200_000), "12.5 megapixels, small on disk");
        await AssertRenditionsAsync(png, [(320, 160), (768, 384), (1280, 640), (1920, 960), (5000, 2500)]);
    }

    [TestCase(SKEncodedImageFormat.Jpeg)]
    [TestCase(SKEncodedImageFormat.Webp)]
    public async Task JpegAndWebPAreDecodedScaledDownToEachRendition(SKEncodedImageFormat format) =>
        await AssertRenditionsAsync(TestFiles.Image(2000, 1000, format), [(320, 160), (768, 384), (1280, 640), (1920, 960), (2000, 1000)]);

    [Test]
    public async Task AnInterlacedPngIsCheckedAndRenderedLikeAnyOther()
    {
        var uploaded = await _author.UploadAsync(TestFiles.Png(1001, 601, interlaced: true), "drawing.png", "image/png");
        Assert.That(uploaded.Status, Is.EqualTo(HttpStatusCode.Created), uploaded.Body.ToString());
        var sha256 = uploaded.Body.GetProperty("sha256").GetString();
        using var small = SKBitmap.Decode(await _anonymous.GetByteArrayAsync($"/v1/files/{sha256}/320.webp"));
        using var full = SKBitmap.Decode(await _anonymous.GetByteArrayAsync($"/v1/files/{sha256}/1001.png"));
        Assert.Multiple(() =>
        {
            Assert.That((small.Width, small.Height), Is.EqualTo((320, 192)));
            Assert.That((full.Width, full.Height), Is.EqualTo((1001, 601)));
            Assert.That(small.GetPixel(10, 100).Red, Is.GreaterThan(240));
            Assert.That(full.GetPixel(990, 600).Blue, Is.EqualTo(255));
        });
    }

    [Test]
    public async Task TruncatedImagesAreRefusedAndAGifIsCheckedToItsEnd()
    {
        var png = TestFiles.Png(600, 400);
        var jpeg = TestFiles.Image(300, 200, SKEncodedImageFormat.Jpeg);
        var interlaced = TestFiles.Png(600, 400, interlaced: true);
        var gif = TestFiles.Gif(40, 30);
        var truncatedPng = await _author.UploadAsync(png[..(png.Length / 2)], "cut.png", "image/png");
        var truncatedInterlaced = await _author.UploadAsync(interlaced[..(interlaced.Length / 2)], "cut.png", "image/png");
        var truncatedJpeg = await _author.UploadAsync(jpeg[..(jpeg.Length / 2)], "cut.jpg", "image/jpeg");
        var truncatedGif = await _author.UploadAsync(gif[..(gif.Length - 10)], "cut.gif", "image/gif");
        var wholeGif = await _author.UploadAsync(gif, "whole.gif", "image/gif");
        Assert.Multiple(() =>
        {
            foreach (var refused in new[] { truncatedPng, truncatedInterlaced, truncatedJpeg, truncatedGif })
            {
                Assert.That(refused.Status, Is.EqualTo(HttpStatusCode.UnsupportedMediaType), refused.Body.ToString());
                Assert.That(refused.Body.GetProperty("detail").GetString(), Does.Contain("truncated"));
            }

            Assert.That(wholeGif.Status, Is.EqualTo(HttpStatusCode.Created), wholeGif.Body.ToString());
            Assert.That((wholeGif.Body.GetProperty("width").GetInt32(), wholeGif.Body.GetProperty("height").GetInt32()), Is.EqualTo((40, 30)));
        });
    }

    [Test]
    public async Task EveryRenditionIsUprightAndCarriesNoMetadata()
    {
        // Orientation 1 needs no turning: the full-size JPEG is the uploaded bytes without their metadata.
        var upright = TestFiles.JpegWithExif(60, 40, orientation: 1);
        var turned = TestFiles.JpegWithExif(60, 40, orientation: 6);
        var commented = (byte[])[.. upright[..2], .. TestFiles.JpegSegment(0xFE, "shot at home"u8.ToArray()), .. upright[2..], .. "appended"u8];
        foreach (var (jpeg, size) in new[] { (commented, (60, 40)), (turned, (40, 60)) })
        {
            var uploaded = await _author.UploadAsync(jpeg, "photo.jpg", "image/jpeg");
            Assert.That(uploaded.Status, Is.EqualTo(HttpStatusCode.Created), uploaded.Body.ToString());
            foreach (var rendition in uploaded.Body.GetProperty("renditions").EnumerateArray())
            {
                var bytes = await _anonymous.GetByteArrayAsync(rendition.GetProperty("url").GetString());
                using var bitmap = SKBitmap.Decode(bytes);
                var text = Encoding.ASCII.GetString(bytes);
                Assert.Multiple(() =>
                {
                    Assert.That((bitmap.Width, bitmap.Height), Is.EqualTo(size));
                    Assert.That(bitmap.GetPixel(size.Item1 / 4, 3).Red, Is.GreaterThan(200), "red on the left, or on top once turned");
                    Assert.That(text, Does.Not.Contain("Exif").And.Not.Contain("MM\0*").And.Not.Contain("shot at home").And.Not.Contain("appended"));
                });
            }
        }
    }

    [Test]
    public async Task ImagesUploadedAtOnceAreAllCheckedAndRendered()
    {
        var uploads = await Task.WhenAll(Enumerable.Range(0, 6).Select(n =>
            _author.UploadAsync(TestFiles.Png(2400, 1200, green: (byte)(n + 1)), $"map-{n}.png", "image/png")));
        Assert.That(uploads.Select(u => u.Status), Is.All.EqualTo(HttpStatusCode.Created));
        var served = await Task.WhenAll(uploads.Select(async u =>
        {
            using var response = await _anonymous.GetAsync($"/v1/files/{u.Body.GetProperty("sha256").GetString()}/1280.webp");
            using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
            return (response.StatusCode, bitmap.Width, bitmap.Height);
        }));
        Assert.Multiple(() =>
        {
            Assert.That(uploads.Select(u => u.Body.GetProperty("sha256").GetString()).Distinct().Count(), Is.EqualTo(6));
            Assert.That(served, Is.All.EqualTo((HttpStatusCode.OK, 1280, 640)));
        });
    }

    /// <summary>Each rendition the upload lists is served at its size and type, red on the left and blue on the right.</summary>
    private async Task AssertRenditionsAsync(byte[] image, (int Width, int Height)[] sizes)
    {
        var uploaded = await _author.UploadAsync(image);
        Assert.That(uploaded.Status, Is.EqualTo(HttpStatusCode.Created), uploaded.Body.ToString());
        var renditions = uploaded.Body.GetProperty("renditions").EnumerateArray().ToArray();
        var served = new List<(int Width, int Height, string Type, SKColor Left, SKColor Right)>();
        foreach (var rendition in renditions)
        {
            using var response = await _anonymous.GetAsync(rendition.GetProperty("url").GetString());
            using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync());
            served.Add((bitmap.Width, bitmap.Height, response.Content.Headers.ContentType!.MediaType!,
                bitmap.GetPixel(bitmap.Width / 8, bitmap.Height / 2), bitmap.GetPixel(bitmap.Width * 7 / 8, bitmap.Height / 2)));
        }

        Assert.Multiple(() =>
        {
            Assert.That(served.Select(s => (s.Width, s.Height, s.Type)), Is.EqualTo(renditions.Select(r =>
                (r.GetProperty("width").GetInt32(), r.GetProperty("height").GetInt32(), r.GetProperty("type").GetString()))));
            Assert.That(served.Select(s => (s.Width, s.Height)).Distinct(), Is.EqualTo(sizes));
            foreach (var (width, _, type, left, right) in served)
            {
                Assert.That(new[] { left.Red, left.Blue, right.Red, right.Blue }, Is.EqualTo(new byte[] { 255, 0, 0, 255 }).Within(8),
                    $"{width} {type}: red on the left, blue on the right");
            }
        });
    }
}
