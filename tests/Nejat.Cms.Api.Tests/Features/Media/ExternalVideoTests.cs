using Nejat.Cms.Api.Features.Media;

namespace Nejat.Cms.Api.Tests.Features.Media;

public sealed class ExternalVideoTests
{
    private static readonly string[] Hosts = ["video.example.org"];

    [TestCase("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42", "youtube", "dQw4w9WgXcQ")]
    [TestCase("https://youtu.be/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ")]
    [TestCase("https://m.youtube.com/shorts/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ")]
    [TestCase("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", "youtube", "dQw4w9WgXcQ")]
    [TestCase("https://vimeo.com/76979871", "vimeo", "76979871")]
    [TestCase("https://player.vimeo.com/video/76979871", "vimeo", "76979871")]
    [TestCase("https://vimeo.com/channels/staffpicks/76979871", "vimeo", "76979871")]
    [TestCase("https://video.example.org/watch/abc", "video.example.org", "/watch/abc")]
    public void KnownProvidersAndAllowedHostsAreRecognised(string url, string provider, string id)
    {
        var video = ExternalVideos.Parse(url, Hosts);
        Assert.That((video?.Provider, video?.Id), Is.EqualTo((provider, id)));
    }

    [TestCase("https://www.youtube.com/watch?v=short")]
    [TestCase("https://www.youtube.com/watch?v=dQw4w9WgXcQ\"><script>")]
    [TestCase("https://evil.example.com/watch?v=dQw4w9WgXcQ")]
    [TestCase("http://video.example.org/watch/abc")]
    [TestCase("javascript:alert(1)")]
    [TestCase("https://vimeo.com/about")]
    [TestCase("not a url")]
    public void AnythingElseIsRefused(string url) => Assert.That(ExternalVideos.Parse(url, Hosts), Is.Null);

    [Test]
    public void YouTubeGetsAPrivacyEnhancedEmbedAndAPoster()
    {
        var video = ExternalVideos.Parse("https://youtu.be/dQw4w9WgXcQ", Hosts)!;
        Assert.Multiple(() =>
        {
            Assert.That(video.EmbedUrl, Is.EqualTo("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"));
            Assert.That(video.ThumbnailUrl, Is.EqualTo("https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"));
        });
    }
}
