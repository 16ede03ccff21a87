using System.ComponentModel;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Feeds;

/// <summary>
/// RSS 2.0 and JSON Feed 1.1 of an edition's (or a tag's) newest 50 posts, and a sitemap index per
/// edition with its files. Links point at the public site (Cms__PublicSiteUrl and the Cms__*Path
/// patterns); the index points at its files here. XML comes from XmlWriter (through XmlSafeWriter),
/// JSON from source-generated serializers.
/// </summary>
internal static partial class FeedEndpoints
{
    public const string RssContentType = "application/rss+xml; charset=utf-8";
    public const string JsonFeedContentType = "application/feed+json; charset=utf-8";
    public const string SitemapContentType = "application/xml; charset=utf-8";
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";
    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

    private static readonly JsonSerializerOptions FeedJson = new(JsonFeedContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

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

    private sealed record Feed(ChannelRow Channel, string Title, Uri Home, FeedItemRow[] Items);

    private static async Task<(Feed? Feed, ProblemHttpResult? Problem)> LoadAsync(
        string edition, string? tag, NpgsqlDataSource db, CmsOptions site, CancellationToken ct)
    {
        tag = tag is null ? null : Slug.Canonical(tag);
        await using var conn = await db.OpenConnectionAsync(ct);
        var channel = await conn.QuerySingleOrDefaultAsync<ChannelRow>(new CommandDefinition(
            FeedQueries.Channel, new { Edition = edition, Tag = tag }, cancellationToken: ct));
        if (channel is null)
        {
            return (null, Problems.EditionNotFound(edition));
        }

        if (tag is not null && channel.TagId is null)
        {
            return (null, Problems.TagNotFound(edition, tag));
        }

        var items = await conn.QueryAsync<FeedItemRow>(new CommandDefinition(
            tag is null ? FeedQueries.NewestInEdition : FeedQueries.NewestWithTag,
            new { Edition = edition, channel.TagId, Limit = FeedQueries.FeedSize }, cancellationToken: ct));
        var siteTitle = string.IsNullOrWhiteSpace(channel.SiteTitle) ? channel.EditionName : channel.SiteTitle;
        return (new Feed(
            channel,
            channel.TagName is null ? siteTitle : $"{siteTitle}: {channel.TagName}",
            tag is null ? site.Url(SiteTarget.Home, edition) : site.Url(SiteTarget.Tag, edition, tag),
            items.ToArray()), null);
    }

    /// <summary>The post's full HTML, marked with its direction and language when the edition is right-to-left.</summary>
    internal static string DirectedHtml(string html, ChannelRow channel) =>
        channel.Direction == "rtl"
            ? $"<div dir=\"rtl\" lang=\"{System.Net.WebUtility.HtmlEncode(channel.Language)}\">{html}</div>"
            : html;

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> RssAsync(string edition, string? tag, HttpRequest request, NpgsqlDataSource db, CmsOptions site, CancellationToken ct)
    {
        var (feed, problem) = await LoadAsync(edition, tag, db, site, ct);
        if (feed is null)
        {
            return problem!;
        }

        return Xml(xml =>
        {
            xml.WriteStartElement("rss");
            xml.WriteAttributeString("version", "2.0");
            xml.WriteAttributeString("xmlns", "content", null, ContentNamespace);
            xml.WriteAttributeString("xmlns", "atom", null, AtomNamespace);
            xml.WriteAttributeString("xmlns", "dc", null, DublinCoreNamespace);
            xml.WriteStartElement("channel");
            xml.WriteElementString("title", feed.Title);
            xml.WriteElementString("link", feed.Home.AbsoluteUri);
            xml.WriteElementString("description", feed.Channel.SiteDescription is { Length: > 0 } description ? description : feed.Title);
            xml.WriteElementString("language", feed.Channel.Language);
            xml.WriteStartElement("atom", "link", AtomNamespace);
            xml.WriteAttributeString("href", SelfUrl(request));
            xml.WriteAttributeString("rel", "self");
            xml.WriteAttributeString("type", "application/rss+xml");
            xml.WriteEndElement();
            if (feed.Items.Length > 0)
            {
                xml.WriteElementString("lastBuildDate", feed.Items.Max(i => i.UpdatedAt).ToString("r", CultureInfo.InvariantCulture));
            }

            foreach (var item in feed.Items)
            {
                var link = site.Url(SiteTarget.Post, edition, item.Slug).AbsoluteUri;
                xml.WriteStartElement("item");
                xml.WriteElementString("title", item.Title);
                xml.WriteElementString("link", link);
                xml.WriteStartElement("guid");
                xml.WriteAttributeString("isPermaLink", "true");
                xml.WriteString(link);
                xml.WriteEndElement();
                xml.WriteElementString("pubDate", item.PublishedAt.ToString("r", CultureInfo.InvariantCulture));
                if (item.AuthorName is { } author)
                {
                    xml.WriteElementString("dc", "creator", DublinCoreNamespace, author);
                }

                foreach (var tagName in item.TagNames ?? [])
                {
                    xml.WriteElementString("category", tagName);
                }

                xml.WriteElementString("description", item.Excerpt);
                xml.WriteStartElement("content", "encoded", ContentNamespace);
                xml.WriteCData(DirectedHtml(item.BodyHtml, feed.Channel).Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal));
                xml.WriteEndElement();
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }, RssContentType);
    }

    private static async Task<Results<ContentHttpResult, ProblemHttpResult>> JsonFeedAsync(string edition, string? tag, HttpRequest request, NpgsqlDataSource db, CmsOptions site, CancellationToken ct)
    {
        var (feed, problem) = await LoadAsync(edition, tag, db, site, ct);
        if (feed is null)
        {
            return problem!;
        }

        var language = feed.Channel.Language;
        var items = feed.Items.Select(item =>
        {
            var url = site.Url(SiteTarget.Post, edition, item.Slug).AbsoluteUri;
            return new JsonFeedItem(
                url, url, item.Title, DirectedHtml(item.BodyHtml, feed.Channel), item.Excerpt.Length > 0 ? item.Excerpt : null,
                item.PublishedAt, item.UpdatedAt, item.TagNames, item.AuthorName is { } author ? [new JsonFeedAuthor(author)] : null, language);
        }).ToArray();
        var document = new JsonFeed(feed.Title, feed.Home.AbsoluteUri, SelfUrl(request), feed.Channel.SiteDescription is { Length: > 0 } d ? d : null, language, items);
        return TypedResults.Text(JsonSerializer.Serialize(document, FeedJson), JsonFeedContentType, Encoding.UTF8);
    }

    // The feed's own address, as the client asked for it.
    private static string SelfUrl(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";

    public static Task<Results<FileContentHttpResult, ProblemHttpResult>> EditionRss(
        [Description("Edition code, e.g. `fa`.")] string edition, HttpRequest request, NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct) =>
        RssAsync(edition, null, request, db, options.Value, ct);

    public static Task<Results<FileContentHttpResult, ProblemHttpResult>> TagRss(
        [Description("Edition code, e.g. `fa`.")] string edition, [Description("The tag's slug in that edition.")] string slug,
        HttpRequest request, NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct) =>
        RssAsync(edition, slug, request, db, options.Value, ct);

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> EditionJsonFeed(
        [Description("Edition code, e.g. `fa`.")] string edition, HttpRequest request, NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct) =>
        JsonFeedAsync(edition, null, request, db, options.Value, ct);

    public static Task<Results<ContentHttpResult, ProblemHttpResult>> TagJsonFeed(
        [Description("Edition code, e.g. `fa`.")] string edition, [Description("The tag's slug in that edition.")] string slug,
        HttpRequest request, NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct) =>
        JsonFeedAsync(edition, slug, request, db, options.Value, ct);

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SitemapIndex(
        [Description("Edition code, e.g. `fa`.")] string edition, HttpRequest request, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(EditionEndpoints.ExistsSql, new { Edition = edition }, cancellationToken: ct)))
        {
            return Problems.EditionNotFound(edition);
        }

        var files = await conn.QueryAsync<SitemapFileRow>(new CommandDefinition(
            FeedQueries.SitemapFiles, new { Edition = edition, FileIds = FeedQueries.SitemapFileIds }, cancellationToken: ct));
        var fileUrl = $"{request.Scheme}://{request.Host}{request.PathBase}/v1/{Uri.EscapeDataString(edition)}/sitemaps/";
        return Xml(xml =>
        {
            xml.WriteStartElement("sitemapindex", SitemapNamespace);
            foreach (var file in files)
            {
                xml.WriteStartElement("sitemap", SitemapNamespace);
                xml.WriteElementString("loc", SitemapNamespace, $"{fileUrl}{file.Number.ToString(CultureInfo.InvariantCulture)}.xml");
                xml.WriteElementString("lastmod", SitemapNamespace, W3cDate(file.LastModified));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }, SitemapContentType);
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> SitemapFile(
        [Description("Edition code, e.g. `fa`.")] string edition,
        [Description("The file's number, as the sitemap index lists it: from 1, no leading zeros.")] string number,
        NpgsqlDataSource db, IOptions<CmsOptions> options, CancellationToken ct)
    {
        var site = options.Value;
        await using var conn = await db.OpenConnectionAsync(ct);
        if (await EditionLanguage.ReadAsync(conn, edition, ct) is not { } language)
        {
            return Problems.EditionNotFound(edition);
        }

        // The number as the index writes it: digits without a leading zero, small enough that its ids fit a bigint.
        if (!SitemapNumber().IsMatch(number))
        {
            return Problems.SitemapNotFound(edition, number);
        }

        var last = long.Parse(number, CultureInfo.InvariantCulture) * FeedQueries.SitemapFileIds;
        var urls = (await conn.QueryAsync<SitemapRow>(new CommandDefinition(
            FeedQueries.SitemapFile, new { Edition = edition, FirstId = last - FeedQueries.SitemapFileIds + 1, LastId = last }, cancellationToken: ct))).ToArray();
        if (urls.Length == 0)
        {
            return Problems.SitemapNotFound(edition, number);
        }

        return Xml(xml =>
        {
            xml.WriteStartElement("urlset", SitemapNamespace);
            xml.WriteAttributeString("xmlns", "xhtml", null, XhtmlNamespace);
            foreach (var url in urls)
            {
                xml.WriteStartElement("url", SitemapNamespace);
                var location = site.Url(Target(url.Kind), edition, url.Slug);
                xml.WriteElementString("loc", SitemapNamespace, location.AbsoluteUri);
                xml.WriteElementString("lastmod", SitemapNamespace, W3cDate(url.UpdatedAt));
                if (url.TranslationEditions is { Length: > 0 } editions)
                {
                    WriteAlternate(xml, language.Language, location);
                    for (var i = 0; i < editions.Length; i++)
                    {
                        WriteAlternate(xml, url.TranslationLocales![i], site.Url(Target(url.TranslationKinds![i]), editions[i], url.TranslationSlugs![i]));
                    }
                }

                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }, SitemapContentType);
    }

    [GeneratedRegex("^[1-9][0-9]{0,11}$")]
    private static partial Regex SitemapNumber();

    private static string W3cDate(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    // Written to memory first: XmlWriter writes synchronously, which Kestrel's response stream refuses.
    private static FileContentHttpResult Xml(Action<XmlWriter> write, string contentType)
    {
        using var buffer = new MemoryStream();
        using (var xml = new XmlSafeWriter(XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true })))
        {
            xml.WriteStartDocument();
            write(xml);
            xml.WriteEndDocument();
        }

        return TypedResults.Bytes(buffer.ToArray(), contentType);
    }

    private static SiteTarget Target(string kind) => kind == "page" ? SiteTarget.Page : SiteTarget.Post;

    private static void WriteAlternate(XmlWriter xml, string hreflang, Uri href)
    {
        xml.WriteStartElement("xhtml", "link", XhtmlNamespace);
        xml.WriteAttributeString("rel", "alternate");
        xml.WriteAttributeString("hreflang", hreflang);
        xml.WriteAttributeString("href", href.AbsoluteUri);
        xml.WriteEndElement();
    }
}
