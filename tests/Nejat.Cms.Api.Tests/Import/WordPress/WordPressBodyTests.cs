using Nejat.Cms.Api.Import.WordPress;

namespace Nejat.Cms.Api.Tests.Import.WordPress;

/// <summary>A WordPress body as Nejat CMS stores it, with the import's answers about links and galleries given by hand.</summary>
public sealed class WordPressBodyTests
{
    private sealed class Site : IBodyContext
    {
        public List<IReadOnlyList<long>> Galleries { get; } = [];

        public (LinkOutcome Outcome, string Url) Link(string url) => url switch
        {
            "http://old.example/2024/03/herat/" => (LinkOutcome.Found, "/fa/posts/herat"),
            "/wp-content/uploads/2024/03/a-300x200.jpg" => (LinkOutcome.Found, "/v1/files/abc/320.jpg"),
            _ when url.StartsWith("http://old.example/", StringComparison.Ordinal) => (LinkOutcome.NotFound, url),
            _ => (LinkOutcome.Elsewhere, url),
        };

        public IReadOnlyList<long> ChildAttachments() => [7, 8];

        public string? Gallery(IReadOnlyList<long> attachmentIds)
        {
            Galleries.Add(attachmentIds);
            return $"<figure><a href=\"/fa/media/galleries/g{Galleries.Count}\">gallery</a></figure>";
        }
    }

    [Test]
    public void ClassicTextGetsParagraphsAndLineBreaks() =>
        Assert.That(WordPressBody.Convert("One\nline two\r\n\r\nTwo", new Site()).Html, Is.EqualTo("<p>One<br>\nline two</p>\n<p>Two</p>\n"));

    [Test]
    public void BlockContentLosesItsDelimitersAndGetsNoParagraphs()
    {
        var body = WordPressBody.Convert("<!-- wp:paragraph -->\n<p>A</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:html -->\nbare\ntext\n<!-- /wp:html -->", new Site()).Html;
        Assert.That(body, Is.EqualTo("<p>A</p>\nbare\ntext"));
    }

    [Test]
    public void CaptionBecomesAFigureWithItsCaption()
    {
        var body = WordPressBody.Convert(
            "[caption id=\"attachment_5\" align=\"aligncenter\" width=\"300\"]<a href=\"http://old.example/2024/03/herat/\"><img src=\"/wp-content/uploads/2024/03/a-300x200.jpg\" alt=\"Market\" width=\"300\" height=\"200\" /></a> The <em>market</em>[/caption]",
            new Site()).Html;
        Assert.That(body, Is.EqualTo(
            "<figure><a href=\"/fa/posts/herat\"><img src=\"/v1/files/abc/320.jpg\" alt=\"Market\" width=\"300\" height=\"200\"></a><figcaption>The <em>market</em></figcaption></figure>\n"));
    }

    [Test]
    public void OldCaptionAttributeIsTheCaption() =>
        Assert.That(WordPressBody.Convert("[caption caption=\"Old style\"]<img src=\"x.jpg\" alt=\"\">[/caption]", new Site()).Html,
            Is.EqualTo("<figure><img src=\"x.jpg\" alt=\"\"><figcaption>Old style</figcaption></figure>\n"));

    [Test]
    public void GalleriesAreMadeFromTheirIdsOrThePostsAttachments()
    {
        var site = new Site();
        var body = WordPressBody.Convert("[gallery ids=\"3, 1,2\" columns=\"3\"]\n\n[gallery exclude=\"8\"]", site).Html;
        Assert.Multiple(() =>
        {
            Assert.That(site.Galleries, Is.EqualTo(new[] { new long[] { 3, 1, 2 }, [7] }));
            Assert.That(body, Is.EqualTo("<figure><a href=\"/fa/media/galleries/g1\">gallery</a></figure>\n<figure><a href=\"/fa/media/galleries/g2\">gallery</a></figure>\n"));
        });
    }

    [TestCase("https://www.youtube.com/watch?v=aqz-KE-bpKQ", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ")]
    [TestCase("  https://youtu.be/aqz-KE-bpKQ  ", "https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ")]
    [TestCase("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871")]
    [TestCase("[embed]https://vimeo.com/76979871[/embed]", "https://player.vimeo.com/video/76979871")]
    public void AVideoUrlAloneOnALineOrInEmbedIsAPlayer(string line, string player)
    {
        var body = WordPressBody.Convert($"Before.\n\n{line}\n\nAfter.", new Site()).Html;
        Assert.That(body, Does.Contain($"<iframe src=\"{player}\"").And.StartWith("<p>Before.</p>").And.EndWith("<p>After.</p>\n"));
    }

    [Test]
    public void AVideoUrlInTextIsNoPlayer() =>
        Assert.That(WordPressBody.Convert("See https://www.youtube.com/watch?v=aqz-KE-bpKQ here", new Site()).Html, Does.Not.Contain("iframe"));

    [Test]
    public void UnknownShortcodesStayAsTextAndAreNamed()
    {
        var body = WordPressBody.Convert("[contact-form-7 id=\"5\" title=\"Contact\"]\n\n[[gallery]] stays literal. [1] is a footnote.", new Site());
        Assert.Multiple(() =>
        {
            Assert.That(body.Html, Is.EqualTo("<p>[contact-form-7 id=\"5\" title=\"Contact\"]</p>\n<p>[gallery] stays literal. [1] is a footnote.</p>\n"));
            Assert.That(body.UnknownShortcodes, Is.EqualTo(new[] { "contact-form-7" }));
        });
    }

    [Test]
    public void LinksIntoTheOldSiteAreRewrittenOrReported()
    {
        var body = WordPressBody.Convert(
            "<a href=\"http://old.example/2024/03/herat/\">known</a> <a href='http://old.example/gone/'>gone</a> <a href=\"https://example.org/?a=1&amp;b=2\">out</a>",
            new Site());
        Assert.Multiple(() =>
        {
            Assert.That(body.Html, Is.EqualTo(
                "<p><a href=\"/fa/posts/herat\">known</a> <a href=\"http://old.example/gone/\">gone</a> <a href=\"https://example.org/?a=1&amp;b=2\">out</a></p>\n"));
            Assert.That(body.UnresolvedLinks, Is.EqualTo(new[] { "http://old.example/gone/" }));
        });
    }

    [Test]
    public void TheSanitiserHasTheLastWord() =>
        Assert.That(WordPressBody.Convert("<script>alert(1)</script><p onclick=\"x()\">Hi</p>[caption]<img src=\"javascript:alert(1)\">x[/caption]", new Site()).Html,
            Does.Not.Contain("script").And.Not.Contain("onclick").And.Not.Contain("javascript"));
}
