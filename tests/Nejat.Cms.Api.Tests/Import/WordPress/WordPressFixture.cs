using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Nejat.Cms.Api.Hosting;
using Nejat.Cms.Api.Import.WordPress;
using Npgsql;

namespace Nejat.Cms.Api.Tests.Import.WordPress;

/// <summary>
/// The site WordPress itself made (Fixture/build-fixture.sh): its exports, its uploads, and what the
/// tests expect of them, read from the exports with LINQ to XML (not with the importer's reader).
/// </summary>
internal static class WordPressFixture
{
    public static readonly string Directory = Path.Combine(TestRun.RepositoryRoot, "tests", "Nejat.Cms.Api.Tests", "Import", "WordPress", "Fixture");

    public static string Uploads => Path.Combine(Directory, "uploads");

    public static string Export(string name) => Path.Combine(Directory, "export", name);

    public static readonly string[] Split = [Export("site-part-1.xml"), Export("site-part-2.xml")];

    /// <summary>Runs import-wordpress against the app's database and media store, as the command line would.</summary>
    public static async Task<(int ExitCode, string Output)> ImportWordPressAsync(this CmsApp app, string[] args, HttpMessageHandler? fetcher = null)
    {
        using var output = new StringWriter();
        var exitCode = await WordPressImportCommand.RunAsync([WordPressImportCommand.Name, .. args], app.ConnectionString, app.CommandConfiguration, output, fetcher);
        await app.Services.GetRequiredService<ContentVersions>().RefreshAsync(CancellationToken.None);
        return (exitCode, output.ToString());
    }

    /// <summary>Imports the split export with its uploads, as a publisher would; the import must succeed.</summary>
    public static async Task<string> ImportSiteAsync(this CmsApp app, params string[] files)
    {
        var (exitCode, output) = await app.ImportWordPressAsync(["--edition", "fa", "--uploads", Uploads, .. files.Length > 0 ? files : Split]);
        Assert.That(exitCode, Is.Zero, output);
        return output;
    }

    /// <summary>An item of the export, as WordPress wrote it.</summary>
    public sealed record Item(long Id, string Type, string Status, string Title, string Link, string Slug, string? Language, string Password, string AttachmentUrl);

    public static IReadOnlyList<Item> Items(string file = "site.xml")
    {
        var wp = XNamespace.Get("http://wordpress.org/export/1.2/");
        return XDocument.Load(Export(file)).Descendants("item").Select(item => new Item(
            (long)item.Element(wp + "post_id")!,
            (string)item.Element(wp + "post_type")!,
            (string)item.Element(wp + "status")!,
            (string)item.Element("title")!,
            (string)item.Element("link")!,
            Decode((string)item.Element(wp + "post_name")!).Replace("__trashed", "", StringComparison.Ordinal),
            item.Elements("category").Where(c => (string?)c.Attribute("domain") == "language").Select(c => (string?)c.Attribute("nicename")).FirstOrDefault(),
            (string)item.Element(wp + "post_password")!,
            (string?)item.Element(wp + "attachment_url") ?? "")).ToArray();
    }

    /// <summary>A category or tag of the export: its id, slug (decoded), parent's slug and taxonomy.</summary>
    public sealed record Term(long Id, string Taxonomy, string RawSlug, string Slug, string ParentRawSlug);

    public static IReadOnlyList<Term> Terms()
    {
        var wp = XNamespace.Get("http://wordpress.org/export/1.2/");
        var document = XDocument.Load(Export("site.xml"));
        return document.Descendants(wp + "category").Select(c => new Term((long)c.Element(wp + "term_id")!, "category",
                (string)c.Element(wp + "category_nicename")!, Decode((string)c.Element(wp + "category_nicename")!), (string)c.Element(wp + "category_parent")!))
            .Concat(document.Descendants(wp + "tag").Select(t => new Term((long)t.Element(wp + "term_id")!, "post_tag",
                (string)t.Element(wp + "tag_slug")!, Decode((string)t.Element(wp + "tag_slug")!), "")))
            .ToArray();
    }

    public static string Decode(string slug) => Uri.UnescapeDataString(slug).Normalize(NormalizationForm.FormC);

    /// <summary>A client that does not follow redirects, to read the 301s themselves.</summary>
    public static HttpClient NoRedirects(this CmsApp app)
    {
        using var kestrel = app.CreateClient();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = kestrel.BaseAddress };
    }

    /// <summary>Where /v1/redirects sends an old URL: the status and the body.</summary>
    public static async Task<(HttpStatusCode Status, string? Location, JsonElement Body)> RedirectAsync(this HttpClient client, string url)
    {
        using var response = await client.GetAsync($"/v1/redirects?url={Uri.EscapeDataString(url)}");
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Headers.Location?.OriginalString, JsonSerializer.Deserialize<JsonElement>(text));
    }

    /// <summary>Every row the import writes, with versions and times, to prove what moved and what did not.</summary>
    public static async Task<string> SnapshotAsync(string connectionString)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT concat_ws(E'\n',
              (SELECT string_agg(concat_ws('|', id, slug, name, version, updated_at), ';' ORDER BY id) FROM authors),
              (SELECT string_agg(concat_ws('|', id, edition, slug, name, post_count, version, updated_at), ';' ORDER BY id) FROM tags),
              (SELECT string_agg(concat_ws('|', id, kind, edition, slug, status, published_at, title, md5(body_html), translation_key,
                                           featured_media_id, version, updated_at), ';' ORDER BY id) FROM posts),
              (SELECT string_agg(concat_ws('|', post_id, tag_id, position), ';' ORDER BY post_id, tag_id) FROM post_tags),
              (SELECT count(*) FROM post_revisions),
              (SELECT string_agg(concat_ws('|', id, sha256, version, updated_at), ';' ORDER BY id) FROM media),
              (SELECT string_agg(concat_ws('|', media_id, edition, title, alt, caption), ';' ORDER BY media_id, edition) FROM media_translations),
              (SELECT string_agg(concat_ws('|', id, slug, version, updated_at), ';' ORDER BY id) FROM galleries),
              (SELECT string_agg(concat_ws('|', gallery_id, position, media_id), ';' ORDER BY gallery_id, position) FROM gallery_items),
              (SELECT string_agg(concat_ws('|', edition, name, version, updated_at), ';' ORDER BY edition, name) FROM edition_documents),
              (SELECT string_agg(concat_ws('|', host, path, kind, edition, post_id, tag_id, media_id), ';' ORDER BY host, path) FROM old_urls),
              (SELECT string_agg(concat_ws('|', site, ref, post_id, tag_id, media_id, gallery_id, version, imported_at), ';' ORDER BY site, ref) FROM wordpress_items))
            """, conn);
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
