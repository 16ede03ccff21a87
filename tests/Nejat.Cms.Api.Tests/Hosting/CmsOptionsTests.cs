using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Tests.Hosting;

public sealed class CmsOptionsTests
{
    private static CmsOptions Bind(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        CmsOptions.AddTo(services);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<CmsOptions>>().Value;
    }

    [Test]
    public void SiteUrlsAreBuiltFromTheBaseUrlAndThePathPatterns()
    {
        var options = Bind(new() { ["Cms:PublicSiteUrl"] = "https://nejat.example/", ["Cms:PagePath"] = "/{edition}/{slug}" });
        Assert.Multiple(() =>
        {
            Assert.That(options.Url(SiteTarget.Post, "fa", "خانه‌ها").AbsoluteUri,
                Is.EqualTo("https://nejat.example/fa/posts/%D8%AE%D8%A7%D9%86%D9%87%E2%80%8C%D9%87%D8%A7"));
            Assert.That(options.Path(SiteTarget.Page, "ar", "من-نحن"), Is.EqualTo($"/ar/{Uri.EscapeDataString("من-نحن")}"));
            Assert.That(options.Path(SiteTarget.Home, "sq"), Is.EqualTo("/sq"));
        });
    }

    [TestCase("Cms:PublicSiteUrl", "not-a-url", "Cms:PublicSiteUrl must be an absolute http(s) URL")]
    [TestCase("Cms:PostPath", "/posts", "Cms:PostPath must start with / and contain {slug}.")]
    [TestCase("Cms:GalleryPath", "galleries/{slug}", "Cms:GalleryPath must start with / and contain {slug}.")]
    [TestCase("Cms:SearchTextCacheSizeMb", "-1", "Cms:SearchTextCacheSizeMb must be between 0 and 65536.")]
    public void BadSiteSettingsStopTheStartWithAMessage(string key, string value, string message)
    {
        var failure = Assert.Throws<OptionsValidationException>(() => Bind(new() { [key] = value }));
        Assert.That(failure!.Message, Does.Contain(message));
    }
}
