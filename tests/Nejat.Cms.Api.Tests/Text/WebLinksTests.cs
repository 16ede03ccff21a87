using Nejat.Cms.Api.Text;

namespace Nejat.Cms.Api.Tests.Text;

public sealed class WebLinksTests
{
    [TestCase("https://t.me/nejat", "https://t.me/nejat")]
    [TestCase("https://example.org/a b\"<>", "https://example.org/a%20b%22%3C%3E")]
    [TestCase("https://fa.wikipedia.org/wiki/ایران", "https://fa.wikipedia.org/wiki/%D8%A7%DB%8C%D8%B1%D8%A7%D9%86")]
    [TestCase("  https://example.org/x  ", "https://example.org/x")]
    [TestCase("http://example.org/", "http://example.org/")]
    public void AbsoluteUrlsAreStoredInOneEscapedSpelling(string url, string stored)
    {
        Assert.Multiple(() =>
        {
            Assert.That(WebLinks.Absolute(url, httpsOnly: false, out var problem), Is.EqualTo(stored));
            Assert.That(problem, Is.Null);
        });
    }

    [TestCase("javascript:alert(1)")]
    [TestCase("//evil.example/")]
    [TestCase("/fa/about")]
    [TestCase("https://user:password@example.org/")]
    [TestCase("https://example.org\\@evil.example/")]
    [TestCase("ftp://example.org/")]
    [TestCase("https:///path")]
    [TestCase("")]
    [TestCase(null)]
    public void OtherUrlsAreRefused(string? url)
    {
        Assert.Multiple(() =>
        {
            Assert.That(WebLinks.Absolute(url, httpsOnly: false, out var problem), Is.Null);
            Assert.That(problem, Does.Contain("absolute"));
        });
    }

    [Test]
    public void HttpsOnlyRefusesHttp() =>
        Assert.That(WebLinks.Absolute("http://example.org/", httpsOnly: true, out _), Is.Null);

    [TestCase("/fa/about", "/fa/about")]
    [TestCase("/fa/درباره ما?x=1#y", "/fa/%D8%AF%D8%B1%D8%A8%D8%A7%D8%B1%D9%87%20%D9%85%D8%A7?x=1#y")]
    [TestCase("/a\\b", "/a/b")]
    [TestCase("/a/../b", "/b")]
    public void SitePathsAreStoredInOneEscapedSpelling(string path, string stored)
    {
        Assert.Multiple(() =>
        {
            Assert.That(WebLinks.SitePath(path, out var problem), Is.EqualTo(stored));
            Assert.That(problem, Is.Null);
        });
    }

    [TestCase("//evil.example/x")]
    [TestCase("/\\evil.example/x")]
    [TestCase("https://example.org/")]
    [TestCase("fa/about")]
    [TestCase("")]
    public void PathsThatLeaveTheSiteAreRefused(string path) =>
        Assert.That(WebLinks.SitePath(path, out _), Is.Null);
}
