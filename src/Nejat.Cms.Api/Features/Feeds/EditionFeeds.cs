using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Text;
using Npgsql;

namespace Nejat.Cms.Api.Features.Feeds;

/// <summary>
/// RSS 2.0 and JSON Feed 1.1 of an edition's (or a tag's) newest posts. Links point at the public site
/// (Cms__PublicSiteUrl and the Cms__*Path patterns).
/// </summary>
internal sealed class EditionFeeds(NpgsqlDataSource db, IOptions<CmsOptions> options)
{
    public const string RssContentType = "application/rss+xml; charset=utf-8";
    public const string JsonFeedContentType = "application/feed+json; charset=utf-8";
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string AtomNamespace = "http://www.w3.org/2005/Atom";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

    private static readonly JsonSerializerOptions FeedJson = new(JsonFeedContext.Default.Options)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private CmsOptions Site => options.Value;

    public async Task<Results<FileContentHttpResult, ProblemHttpResult>> RssAsync(string edition, string? tag, HttpRequest request, CancellationToken ct)
    {
        var (feed, problem) = await LoadAsync(edition, tag, ct);
        if (feed is null)
        {
            return problem!;
        }

        return XmlSafeWriter.Document(xml =>
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
                var link = Site.Url(SiteTarget.Post, edition, item.Slug).AbsoluteUri;
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

    public async Task<Results<ContentHttpResult, ProblemHttpResult>> JsonFeedAsync(string edition, string? tag, HttpRequest request, CancellationToken ct)
    {
        var (feed, problem) = await LoadAsync(edition, tag, ct);
        if (feed is null)
        {
            return problem!;
        }

        var language = feed.Channel.Language;
        var items = feed.Items.Select(item =>
        {
            var url = Site.Url(SiteTarget.Post, edition, item.Slug).AbsoluteUri;
            return new JsonFeedItem(
                url, url, item.Title, DirectedHtml(item.BodyHtml, feed.Channel), item.Excerpt.Length > 0 ? item.Excerpt : null,
                item.PublishedAt, item.UpdatedAt, item.TagNames, item.AuthorName is { } author ? [new JsonFeedAuthor(author)] : null, language);
        }).ToArray();
        var document = new JsonFeed(feed.Title, feed.Home.AbsoluteUri, SelfUrl(request), feed.Channel.SiteDescription is { Length: > 0 } d ? d : null, language, items);
        return TypedResults.Text(JsonSerializer.Serialize(document, FeedJson), JsonFeedContentType, Encoding.UTF8);
    }

    private sealed record Feed(ChannelRow Channel, string Title, Uri Home, FeedItemRow[] Items);

    private async Task<(Feed? Feed, ProblemHttpResult? Problem)> LoadAsync(string edition, string? tag, CancellationToken ct)
    {
        tag = tag is null ? null : Slug.Canonical(tag);
        await using var conn = await db.OpenConnectionAsync(ct);
        var channel = await conn.QuerySingleAsync<ChannelRow>(new CommandDefinition(
            FeedQueries.Channel, new { Edition = edition, Tag = tag }, cancellationToken: ct));
        if (tag is not null && channel.TagId is null)
        {
            return (null, Problems.TagNotFound(edition, tag));
        }

        var items = await conn.QueryAsync<FeedItemRow>(new CommandDefinition(
            tag is null ? FeedQueries.NewestInEdition : FeedQueries.NewestWithTag,
            new { Edition = edition, channel.TagId }, cancellationToken: ct));
        var siteTitle = string.IsNullOrWhiteSpace(channel.SiteTitle) ? channel.EditionName : channel.SiteTitle;
        return (new Feed(
            channel,
            channel.TagName is null ? siteTitle : $"{siteTitle}: {channel.TagName}",
            tag is null ? Site.Url(SiteTarget.Home, edition) : Site.Url(SiteTarget.Tag, edition, tag),
            items.ToArray()), null);
    }

    /// <summary>The post's full HTML, marked with its direction and language when the edition is right-to-left.</summary>
    internal static string DirectedHtml(string html, ChannelRow channel) =>
        channel.Direction == "rtl"
            ? $"<div dir=\"rtl\" lang=\"{System.Net.WebUtility.HtmlEncode(channel.Language)}\">{html}</div>"
            : html;

    // The feed's own address, as the client asked for it.
    private static string SelfUrl(HttpRequest request) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path}";
}
