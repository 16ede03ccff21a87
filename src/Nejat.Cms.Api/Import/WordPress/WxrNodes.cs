using System.Globalization;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>An export file's channel header: its WXR version and the site it came from.</summary>
internal sealed record WxrSite(string Version, string BaseSiteUrl, string BaseBlogUrl, string Link);

/// <summary>A WordPress user named in the export (posts name theirs by login in dc:creator).</summary>
internal sealed record WxrAuthor(string Login, string DisplayName);

/// <summary>A category, tag or other term (nav_menu, Polylang's language and post_translations …).</summary>
internal sealed record WxrTerm(string Taxonomy, long? Id, string Slug, string ParentSlug, string Name, string Description);

/// <summary>One of an item's terms, as &lt;category domain="…" nicename="…"&gt;name&lt;/category&gt;.</summary>
internal sealed record WxrTermRef(string Taxonomy, string Slug);

/// <summary>
/// One &lt;item&gt;: a post, page, attachment, menu item or other post type, with the fields the import
/// uses. Content is read only when asked for, so an index of a large export stays small.
/// </summary>
internal sealed class WxrItem
{
    public long Id { get; set; }
    public string Type { get; set; } = "";
    public string Status { get; set; } = "";
    public string Title { get; set; } = "";
    public string Link { get; set; } = "";
    public string PostName { get; set; } = "";
    public long Parent { get; set; }
    public int MenuOrder { get; set; }
    public string DateGmt { get; set; } = "";
    public string Date { get; set; } = "";
    public string Creator { get; set; } = "";
    public string? Content { get; set; }
    public string Excerpt { get; set; } = "";
    public string Password { get; set; } = "";
    public bool Sticky { get; set; }
    public string AttachmentUrl { get; set; } = "";
    public List<WxrTermRef> Terms { get; } = [];
    public Dictionary<string, string> Meta { get; } = new(StringComparer.Ordinal);
    public int Comments { get; set; }

    public string? MetaValue(string key) => Meta.GetValueOrDefault(key);

    public long? MetaId(string key) =>
        long.TryParse(MetaValue(key), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0 ? id : null;

    public string? TermSlug(string taxonomy) => Terms.FirstOrDefault(t => t.Taxonomy == taxonomy)?.Slug;
}

/// <summary>A file that is not a readable WordPress export, with what is wrong.</summary>
internal sealed class WxrFormatException(string message) : Exception(message);
