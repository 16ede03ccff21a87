using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using Dapper;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Hosting;
using Npgsql;

namespace Nejat.Cms.Api.Features.Feeds;

/// <summary>
/// A sitemap index per edition and its files (sitemaps.org): each file one range of post ids, so no
/// answer is megabytes built per request, with hreflang alternates for published translations.
/// </summary>
internal sealed partial class Sitemaps(NpgsqlDataSource db, IOptions<CmsOptions> options)
{
    public const string ContentType = "application/xml; charset=utf-8";
    private const string SitemapNamespace = "http://www.sitemaps.org/schemas/sitemap/0.9";
    private const string XhtmlNamespace = "http://www.w3.org/1999/xhtml";

    public async Task<FileContentHttpResult> IndexAsync(string edition, HttpRequest request, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        var files = await conn.QueryAsync<SitemapFileRow>(new CommandDefinition(
            FeedQueries.SitemapFiles, new { Edition = edition, FileIds = FeedQueries.SitemapFileIds }, cancellationToken: ct));
        var fileUrl = $"{request.Scheme}://{request.Host}{request.PathBase}/v1/{Uri.EscapeDataString(edition)}/sitemaps/";
        return XmlSafeWriter.Document(xml =>
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
        }, ContentType);
    }

    public async Task<Results<FileContentHttpResult, ProblemHttpResult>> FileAsync(string edition, string number, CancellationToken ct)
    {
        var site = options.Value;
        // The number as the index writes it: digits without a leading zero, small enough that its ids fit a bigint.
        if (!SitemapNumber().IsMatch(number))
        {
            return Problems.SitemapNotFound(edition, number);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var language = (await EditionLanguage.ReadAsync(conn, edition, ct))!;
        var last = long.Parse(number, CultureInfo.InvariantCulture) * FeedQueries.SitemapFileIds;
        var urls = (await conn.QueryAsync<SitemapRow>(new CommandDefinition(
            FeedQueries.SitemapFile, new { Edition = edition, FirstId = last - FeedQueries.SitemapFileIds + 1, LastId = last }, cancellationToken: ct))).ToArray();
        if (urls.Length == 0)
        {
            return Problems.SitemapNotFound(edition, number);
        }

        return XmlSafeWriter.Document(xml =>
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
        }, ContentType);
    }

    private static string W3cDate(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    [GeneratedRegex("^[1-9][0-9]{0,11}$")]
    private static partial Regex SitemapNumber();

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
