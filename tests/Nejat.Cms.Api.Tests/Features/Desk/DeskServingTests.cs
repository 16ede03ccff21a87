using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Nejat.Cms.Api.Tests.Features.Desk;

/// <summary>The desk's files as the service serves them at /admin: headers, caching and what is not there.</summary>
public sealed partial class DeskServingTests
{
    private CmsApp _app = null!;
    private HttpClient _client = null!;

    [OneTimeSetUp]
    public async Task Start()
    {
        _app = await CmsApp.StartAsync();
        _client = _app.CreateClient();
    }

    [OneTimeTearDown]
    public async Task Stop()
    {
        _client.Dispose();
        await _app.DisposeAsync();
    }

    [TestCase("/admin")]
    [TestCase("/admin/")]
    public async Task TheDeskPageIsServedWithAStrictPolicyAndRevalidated(string path)
    {
        using var response = await _client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
            Assert.That(policy, Does.Contain("script-src 'self';").And.Contain("frame-ancestors 'none'"));
            Assert.That(policy, Does.Not.Contain("unsafe-eval"));
            Assert.That(response.Headers.CacheControl?.NoCache, Is.True, "index.html names the current assets, so it is revalidated");
            Assert.That(InlineScript().IsMatch(html), Is.False, "no inline script: the policy would refuse it");
        });
    }

    [Test]
    public async Task EveryAssetTheDeskNamesIsServedImmutableAndARepeatIsA304()
    {
        var html = await _client.GetStringAsync("/admin/");
        var assets = AssetPath().Matches(html).Select(m => m.Value).Distinct().ToArray();
        Assert.That(assets, Is.Not.Empty);
        foreach (var asset in assets)
        {
            using var response = await _client.GetAsync(asset);
            Assert.Multiple(() =>
            {
                Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), asset);
                Assert.That(response.Headers.CacheControl?.ToString(), Is.EqualTo("public, max-age=31536000, immutable"), asset);
                Assert.That(response.Headers.ETag, Is.Not.Null, asset);
            });
            using var again = new HttpRequestMessage(HttpMethod.Get, asset);
            again.Headers.IfNoneMatch.Add(response.Headers.ETag!);
            using var notModified = await _client.SendAsync(again);
            Assert.That(notModified.StatusCode, Is.EqualTo(HttpStatusCode.NotModified), asset);
        }
    }

    [Test]
    public async Task ScriptsAreSentCompressedToBrowsersThatTakeBrotli()
    {
        var html = await _client.GetStringAsync("/admin/");
        var script = AssetPath().Matches(html).Select(m => m.Value).First(a => a.EndsWith(".js", StringComparison.Ordinal));
        using var handler = new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None };
        using var raw = new HttpClient(handler) { BaseAddress = _client.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, script);
        request.Headers.AcceptEncoding.ParseAdd("gzip, br");
        using var response = await raw.SendAsync(request);
        var plain = await _client.GetByteArrayAsync(script);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        Assert.Multiple(() =>
        {
            Assert.That(response.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "br" }));
            Assert.That(compressed, Has.Length.LessThan(plain.Length / 2));
        });
    }

    [TestCase("/admin/assets/nothing-here.js")]
    [TestCase("/admin/assets/..%2Fappsettings.json")]
    [TestCase("/admin/index.html")]
    [TestCase("/admin/posts/fa")]
    public async Task AnythingElseUnderAdminIsA404WithNoFallbackPage(string path)
    {
        using var response = await _client.GetAsync(path);
        Assert.Multiple(() =>
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound), path);
            Assert.That(response.Content.Headers.ContentType?.MediaType, Is.Not.EqualTo("text/html"), path);
        });
    }

    [Test]
    public async Task TheDeskIsNotInTheOpenApiDocumentButIsRouted()
    {
        var document = await _client.GetStringAsync("/openapi/v1.json");
        var routes = _app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => e.RoutePattern.RawText).Where(r => r?.StartsWith("/admin", StringComparison.Ordinal) == true).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(document, Does.Not.Contain("\"/admin"));
            Assert.That(routes, Has.Length.EqualTo(2));
        });
    }

    [GeneratedRegex(@"<script(?![^>]*\bsrc=)[^>]*>")]
    private static partial Regex InlineScript();

    [GeneratedRegex(@"/admin/assets/[\w.-]+")]
    private static partial Regex AssetPath();
}
