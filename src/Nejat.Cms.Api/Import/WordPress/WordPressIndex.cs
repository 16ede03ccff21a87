using System.Globalization;
using Nejat.Cms.Api.Features.Redirects;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>An export file with the edition and uploads directory given for it on the command line.</summary>
internal sealed record ImportFile(string Path, string? Edition, string? Uploads);

/// <summary>An item of the export as the first reading found it (without its content), and what the import makes of it.</summary>
internal sealed class IndexedItem(WxrItem item, ImportFile file, SiteData site)
{
    public WxrItem Item => item;
    public ImportFile File => file;
    public SiteData Site => site;
    public string Ref => $"post:{item.Id.ToString(CultureInfo.InvariantCulture)}";
    public string? Edition { get; set; }

    /// <summary>Why the item is not imported; null when it is.</summary>
    public string? Skip { get; set; }

    /// <summary>Left out without being a skip: WordPress's own machinery, not content.</summary>
    public bool Ignored { get; set; }

    public bool Imported => Skip is null && !Ignored;

    /// <summary>The item as the report names it, e.g. post 16 'خانه‌ها در هرات'.</summary>
    public string Describe() =>
        $"{item.Type} {item.Id.ToString(CultureInfo.InvariantCulture)}{(item.Title.Length > 0 ? $" '{Shorten(item.Title)}'" : "")}{(Edition is null ? "" : $" ({Edition})")}";

    private static string Shorten(string title) => title.Length <= 60 ? title : title[..60] + "…";
}

/// <summary>A category or tag of the export, and the editions it becomes a tag in.</summary>
internal sealed class IndexedTerm(WxrTerm term, ImportFile file)
{
    public WxrTerm Term => term;
    public ImportFile File => file;
    public SortedSet<string> Editions { get; } = new(StringComparer.Ordinal);

    public string RefIn(string edition) =>
        $"term:{(term.Id is { } id ? id.ToString(CultureInfo.InvariantCulture) : $"{term.Taxonomy}/{Uri.EscapeDataString(term.Slug)}")}:{edition}";
}

/// <summary>One WordPress site of the run (files with the same base_blog_url are parts of one export).</summary>
internal sealed class SiteData(WxrSite header)
{
    public WxrSite Header => header;

    /// <summary>The site's address: the ledger's name for it.</summary>
    public string Key { get; } = header.BaseBlogUrl.TrimEnd('/');

    public Uri Home { get; } = new(header.BaseBlogUrl.TrimEnd('/') + "/");
    public string Host { get; } = OldUrls.Host(new Uri(header.BaseBlogUrl));
    public Dictionary<string, WxrAuthor> Authors { get; } = new(StringComparer.Ordinal);
    public Dictionary<(string Taxonomy, string Slug), IndexedTerm> Terms { get; } = [];
    public Dictionary<long, IndexedItem> Items { get; } = [];

    /// <summary>The edition of the site's own pages (its home, empty archives): the edition most of its posts are in.</summary>
    public string? MainEdition { get; set; }

    /// <summary>An absolute URL of the site from a path such as "/?p=12".</summary>
    public string Url(string path) => Home.AbsoluteUri.TrimEnd('/') + path;
}

/// <summary>
/// The first reading of the export files: every site, author, term and item, without post content,
/// so the import knows the whole site (who links to whom, which attachments exist) before it writes.
/// </summary>
internal sealed class WordPressIndex
{
    /// <summary>Post types that are WordPress's own machinery, not content: left out without counting as skipped.</summary>
    private static readonly HashSet<string> Machinery = new(StringComparer.Ordinal)
    {
        "revision", "customize_changeset", "custom_css", "oembed_cache", "user_request", "wp_global_styles",
        "wp_template", "wp_template_part", "wp_navigation",
    };

    public List<SiteData> Sites { get; } = [];

    public IEnumerable<IndexedItem> Items => Sites.SelectMany(s => s.Items.Values);

    /// <summary>Adds an export file (a whole site, or a part of a split one).</summary>
    public void Read(ImportFile file, WordPressReport report)
    {
        SiteData? site = null;
        foreach (var node in WxrReader.Read(file.Path, withContent: false))
        {
            switch (node)
            {
                case WxrSite header:
                    site = Sites.FirstOrDefault(s => s.Key == header.BaseBlogUrl.TrimEnd('/'));
                    if (site is null)
                    {
                        site = new SiteData(header);
                        Sites.Add(site);
                    }

                    break;
                case WxrAuthor author:
                    site!.Authors.TryAdd(author.Login, author);
                    break;
                case WxrTerm term:
                    site!.Terms.TryAdd((term.Taxonomy, term.Slug), new IndexedTerm(term, file));
                    break;
                case WxrItem item when !site!.Items.TryAdd(item.Id, new IndexedItem(item, file, site)):
                    report.Note($"{item.Type} {item.Id} is in the export twice; the first copy is imported");
                    break;
            }
        }
    }

    /// <summary>
    /// A menu becomes the navigation of the edition most of its posts, pages and tags are in (else its
    /// file's); a category or tag no post carries becomes a tag of the edition of the menu that shows it.
    /// </summary>
    private static void AssignMenuEditions(SiteData site)
    {
        foreach (var menu in site.Items.Values.Where(e => e.Imported && e.Item.Type == "nav_menu_item").GroupBy(e => e.Item.TermSlug("nav_menu") ?? ""))
        {
            var votes = menu.Select(e => MenuTarget(site, e.Item) switch
                {
                    IndexedItem target => target.Edition,
                    IndexedTerm { Editions.Count: 1 } term => term.Editions.Min,
                    _ => null,
                })
                .OfType<string>().GroupBy(e => e).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => g.Key);
            var edition = votes.FirstOrDefault() ?? menu.Select(e => e.File.Edition).FirstOrDefault(e => e is not null) ?? site.MainEdition;
            foreach (var entry in menu)
            {
                entry.Edition = edition;
                if (edition is not null && MenuTarget(site, entry.Item) is IndexedTerm { Editions.Count: 0 } empty)
                {
                    empty.Editions.Add(edition);
                }
            }
        }
    }

    /// <summary>The post, page, category or tag a menu item leads to, when it is one of the site's.</summary>
    public static object? MenuTarget(SiteData site, WxrItem menuItem)
    {
        var id = menuItem.MetaId("_menu_item_object_id");
        return menuItem.MetaValue("_menu_item_type") switch
        {
            "post_type" when id is not null => site.Items.GetValueOrDefault(id.Value) is { Imported: true } target ? target : null,
            "taxonomy" => site.Terms.Values.FirstOrDefault(t => t.Term.Id == id && t.Term.Taxonomy == menuItem.MetaValue("_menu_item_object")),
            _ => null,
        };
    }

    /// <summary>
    /// Each item's edition: its Polylang language when the export has one (and it is an edition),
    /// else the --edition given for its file; an attachment without either takes its post's. Items no
    /// edition can be found for, and post types that are not posts, pages, attachments or menu items,
    /// are skipped with the reason.
    /// </summary>
    public void AssignEditions(IReadOnlySet<string> editions, WordPressReport report)
    {
        foreach (var site in Sites)
        {
            foreach (var entry in site.Items.Values.OrderBy(e => e.Item.Type == "attachment"))
            {
                var item = entry.Item;
                if (Machinery.Contains(item.Type))
                {
                    report.Ignore($"{item.Type} items (WordPress's own settings, not content)");
                    entry.Ignored = true;
                    continue;
                }

                if (item.Type is not ("post" or "page" or "attachment" or "nav_menu_item"))
                {
                    entry.Skip = $"its post type '{item.Type}' has no place in Nejat CMS";
                    continue;
                }

                var language = item.TermSlug("language");
                if (language is not null && !editions.Contains(language))
                {
                    entry.Skip = $"its language '{language}' is not an edition (GET /v1/editions lists them)";
                    continue;
                }

                entry.Edition = language
                    ?? (item.Type == "attachment" && site.Items.GetValueOrDefault(item.Parent) is { Edition: { } parentEdition } ? parentEdition : null)
                    ?? entry.File.Edition;
                if (entry.Edition is null && item.Type is "post" or "page")
                {
                    entry.Skip = "it has no language term, and no --edition was given for its file";
                }
            }

            site.MainEdition = site.Items.Values.Where(e => e.Item.Type is "post" or "page" && e.Edition is not null)
                .GroupBy(e => e.Edition!).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key).FirstOrDefault()
                ?? site.Items.Values.Select(e => e.File.Edition).FirstOrDefault(e => e is not null);
            foreach (var entry in site.Items.Values.Where(e => e.Imported && e.Item.Type == "attachment"))
            {
                entry.Edition ??= site.MainEdition;
            }

            // A category or tag is a tag in each edition whose posts carry it; one no post carries, in the file's edition.
            foreach (var entry in site.Items.Values.Where(e => e.Imported && e.Item.Type is "post" or "page"))
            {
                foreach (var term in entry.Item.Terms.Where(t => t.Taxonomy is "category" or "post_tag"))
                {
                    if (site.Terms.TryGetValue((term.Taxonomy, term.Slug), out var known))
                    {
                        known.Editions.Add(entry.Edition!);
                    }
                }
            }

            AssignMenuEditions(site);
            foreach (var term in site.Terms.Values.Where(t => t.Term.Taxonomy is "category" or "post_tag" && t.Editions.Count == 0))
            {
                if ((term.File.Edition ?? site.MainEdition) is { } edition)
                {
                    term.Editions.Add(edition);
                }
            }
        }
    }
}
