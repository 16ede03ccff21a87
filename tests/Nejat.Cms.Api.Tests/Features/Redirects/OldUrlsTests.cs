using Nejat.Cms.Api.Features.Redirects;

namespace Nejat.Cms.Api.Tests.Features.Redirects;

/// <summary>Every spelling of one WordPress URL is one key; what WordPress does not route by is dropped.</summary>
public sealed class OldUrlsTests
{
    [TestCase("http://www.nejat.example/2024/03/%d8%ae%d8%a7%d9%86%d9%87/", "nejat.example", "/2024/03/خانه")]
    [TestCase("https://NEJAT.example/2024/03/%D8%AE%D8%A7%D9%86%D9%87", "nejat.example", "/2024/03/خانه")]
    [TestCase("http://nejat.example:8080/2024/03/خانه/?utm_source=x#comments", "nejat.example:8080", "/2024/03/خانه")]
    [TestCase("http://nejat.example/index.php/2024/03/a/", "nejat.example", "/2024/03/a")]
    [TestCase("http://nejat.example/", "nejat.example", "/")]
    [TestCase("http://nejat.example", "nejat.example", "/")]
    [TestCase("http://nejat.example/?p=12&preview=true", "nejat.example", "/?p=12")]
    [TestCase("http://nejat.example/index.php?page_id=7", "nejat.example", "/?page_id=7")]
    [TestCase("http://nejat.example/blog/?cat=4", "nejat.example", "/blog?cat=4")]
    [TestCase("http://nejat.example/?tag=%D8%AD%D9%82%D9%88%D9%82-%D8%A8%D8%B4%D8%B1", "nejat.example", "/?tag=حقوق-بشر")]
    [TestCase("http://nejat.example/?p=abc", "nejat.example", "/")]
    public void AbsoluteUrlsAreKeyedByHostAndPath(string url, string host, string path) =>
        Assert.That(OldUrls.Parse(url), Is.EqualTo(new OldUrl(host, path)));

    [TestCase("/2024/03/a/", "/2024/03/a")]
    [TestCase("/?attachment_id=9", "/?attachment_id=9")]
    [TestCase("/cafe\u0301/", "/café")]
    public void PathsAreKeyedWithoutAHost(string url, string path) =>
        Assert.That(OldUrls.Parse(url), Is.EqualTo(new OldUrl(null, path)));

    [TestCase("")]
    [TestCase("2024/03/a")]
    [TestCase("//evil.example/a")]
    [TestCase("ftp://nejat.example/a")]
    [TestCase("javascript:alert(1)")]
    public void OtherInputIsNoUrl(string url) => Assert.That(OldUrls.Parse(url), Is.Null);

    [Test]
    public void TooLongIsNoUrl() => Assert.That(OldUrls.Parse("/" + new string('a', OldUrls.MaxLength)), Is.Null);

    [TestCase("/2024/03/a/2", "/2024/03/a")]
    [TestCase("/category/news/page/3", "/category/news")]
    [TestCase("/2024/03/a/feed", "/2024/03/a")]
    [TestCase("/2024/03/a/amp", "/2024/03/a")]
    [TestCase("/wp-content/uploads/2024/03/photo-300x200.jpg", "/wp-content/uploads/2024/03/photo.jpg")]
    [TestCase("/wp-content/uploads/2024/03/photo-scaled.jpg", "/wp-content/uploads/2024/03/photo.jpg")]
    public void LookupsFallBackToTheUrlWithoutPagesFeedsAndSizes(string key, string fallback) =>
        Assert.That(OldUrls.Candidates(key), Is.EqualTo(new[] { key, fallback }));
}
