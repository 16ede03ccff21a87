using System.ComponentModel;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Nejat.Cms.Api.Features.Feeds;

/// <summary>Feeds (<see cref="EditionFeeds"/>) and sitemaps (<see cref="Sitemaps"/>) of an edition.</summary>
internal static class FeedEndpoints
{
    public static RouteGroupBuilder MapFeeds(this RouteGroupBuilder v1)
    {
        var feeds = v1.MapGroup("/{edition}").WithTags("Feeds and sitemaps");
        const string About = "The newest 50 published posts, newest first, with full content; RTL editions' content is wrapped in <div dir=\"rtl\" lang=\"…\">. Links are absolute URLs on the public site (Cms__PublicSiteUrl).";
        feeds.MapGet("/feed.xml", EditionRss)
            .WithName(nameof(EditionRss)).WithSummary("RSS 2.0 feed of an edition")
            .WithDescription(About).Produces<string>(StatusCodes.Status200OK, "application/rss+xml").ProducesProblem(StatusCodes.Status404NotFound);
        feeds.MapGet("/feed.json", EditionJsonFeed)
            .WithName(nameof(EditionJsonFeed)).WithSummary("JSON Feed 1.1 of an edition")
            .WithDescription(About).Produces<JsonFeed>(StatusCodes.Status200OK, "application/feed+json").ProducesProblem(StatusCodes.Status404NotFound);
        feeds.MapGet("/tags/{slug}/feed.xml", TagRss)
            .WithName(nameof(TagRss)).WithSummary("RSS 2.0 feed of a tag")
            .WithDescription(About).Produces<string>(StatusCodes.Status200OK, "application/rss+xml").ProducesProblem(StatusCodes.Status404NotFound);
        feeds.MapGet("/tags/{slug}/feed.json", TagJsonFeed)
            .WithName(nameof(TagJsonFeed)).WithSummary("JSON Feed 1.1 of a tag")
            .WithDescription(About).Produces<JsonFeed>(StatusCodes.Status200OK, "application/feed+json").ProducesProblem(StatusCodes.Status404NotFound);
        feeds.MapGet("/sitemap.xml", SitemapIndex)
            .WithName(nameof(SitemapIndex)).WithSummary("Sitemap index of an edition")
            .WithDescription(string.Create(CultureInfo.InvariantCulture, $"A sitemaps.org sitemap index listing the edition's sitemap files (/v1/{{edition}}/sitemaps/{{number}}.xml), each with lastmod: the newest update of its URLs. File n holds the edition's published posts and pages with ids from (n - 1) × {FeedQueries.SitemapFileIds:N0} + 1 to n × {FeedQueries.SitemapFileIds:N0}, so at most {FeedQueries.SitemapFileIds:N0} URLs; only files with URLs are listed."))
            .Produces<string>(StatusCodes.Status200OK, "application/xml").ProducesProblem(StatusCodes.Status404NotFound);
        feeds.MapGet("/sitemaps/{number}.xml", SitemapFile)
            .WithName(nameof(SitemapFile)).WithSummary("One sitemap file of an edition")
            .WithDescription("sitemaps.org XML of the published posts and pages of one file of the sitemap index (oldest first), each with lastmod and xhtml:link rel=\"alternate\" hreflang for itself and its published translations. A number the index does not list, or not written as it does (no leading zeros, signs or spaces), is a 404.")
            .Produces<string>(StatusCodes.Status200OK, "application/xml").ProducesProblem(StatusCodes.Status404NotFound);
        return v1;
    }

    public static Task<Results<FileContentHttpResult, ProblemHttpResult>> EditionRss(
        [Description("Edition code, e.g. `fa`.")] string edition, EditionFeeds feeds, HttpRequest request, CancellationToken ct) =>
        feeds.RssAsync(edition, null, request, ct);

    public static Task<Results<FileContentHttpResult, ProblemHttpResult>> TagRss(
        [Description("Edition code, e.g. `fa`.")] string edition, [Description("The tag's slug in that edition.")] string slug,
        EditionFeeds feeds, HttpRequest request, CancellationToken ct) => feeds.RssAsync(edition, slug, request, ct);

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> EditionJsonFeed(
        [Description("Edition code, e.g. `fa`.")] string edition, EditionFeeds feeds, HttpRequest request, CancellationToken ct) =>
        feeds.JsonFeedAsync(edition, null, request, ct);

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> TagJsonFeed(
        [Description("Edition code, e.g. `fa`.")] string edition, [Description("The tag's slug in that edition.")] string slug,
        EditionFeeds feeds, HttpRequest request, CancellationToken ct) => feeds.JsonFeedAsync(edition, slug, request, ct);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SitemapIndex(
        [Description("Edition code, e.g. `fa`.")] string edition, Sitemaps sitemaps, HttpRequest request, CancellationToken ct) =>
        await sitemaps.IndexAsync(edition, request, ct);

    public static Task<Results<FileContentHttpResult, ProblemHttpResult>> SitemapFile(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("The file's number, as the sitemap index lists it: from 1, no leading zeros.")] string number,
        Sitemaps sitemaps, CancellationToken ct) => sitemaps.FileAsync(edition, number, ct);

    /// <summary>The services feeds and sitemaps are made by.</summary>
    public static IServiceCollection AddFeeds(this IServiceCollection services) =>
        services.AddSingleton<EditionFeeds>().AddSingleton<Sitemaps>();
}
