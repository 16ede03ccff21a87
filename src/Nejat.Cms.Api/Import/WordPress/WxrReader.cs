using System.Globalization;
using System.Xml;

namespace Nejat.Cms.Api.Import.WordPress;

/// <summary>
/// Reads a WordPress eXtended RSS export (WXR 1.0 to 1.2, as Tools → Export and wp export write it)
/// as a stream: the site header first, then authors, terms and items in file order, one at a time,
/// so a file of any size is read in bounded memory. No DTD is processed; characters XML 1.0 forbids
/// are let through here and judged by the text rules where each value is used.
/// </summary>
internal static class WxrReader
{
    private const string WordPressNamespace = "http://wordpress.org/export/";
    private const string ContentNamespace = "http://purl.org/rss/1.0/modules/content/";
    private const string DublinCoreNamespace = "http://purl.org/dc/elements/1.1/";

    // Meta an import uses; the rest (serialised attachment metadata, edit locks …) is not kept.
    private static readonly HashSet<string> KeptMeta = new(StringComparer.Ordinal)
    {
        "_thumbnail_id", "_wp_attached_file", "_wp_attachment_image_alt", "_menu_item_type", "_menu_item_object",
        "_menu_item_object_id", "_menu_item_url", "_menu_item_menu_item_parent",
    };

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        CheckCharacters = false,
    };

    /// <summary>The file's site header (first), then each author, term and item. Throws XmlException or WxrFormatException.</summary>
    public static IEnumerable<object> Read(string path, bool withContent)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        using var reader = XmlReader.Create(stream, Settings);
        if (!reader.ReadToFollowing("channel", ""))
        {
            throw new WxrFormatException("it has no RSS channel: not a WordPress export");
        }

        string version = "", baseSite = "", baseBlog = "", link = "";
        var headerSent = false;
        foreach (var (space, name) in ChildElements(reader))
        {
            switch (space, name)
            {
                case ("", "link"):
                    link = reader.ReadElementContentAsString().Trim();
                    continue;
                case ("wp", "wxr_version"):
                    version = reader.ReadElementContentAsString().Trim();
                    continue;
                case ("wp", "base_site_url"):
                    baseSite = reader.ReadElementContentAsString().Trim();
                    continue;
                case ("wp", "base_blog_url"):
                    baseBlog = reader.ReadElementContentAsString().Trim();
                    continue;
            }

            if (!headerSent && (space, name) is ("wp", "author" or "category" or "tag" or "term") or ("", "item"))
            {
                yield return Header(version, baseSite, baseBlog, link);
                headerSent = true;
            }

            switch (space, name)
            {
                case ("wp", "author"):
                    yield return ReadAuthor(reader);
                    break;
                case ("wp", "category" or "tag" or "term"):
                    yield return ReadTerm(reader, name);
                    break;
                case ("", "item"):
                    yield return ReadItem(reader, withContent);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        if (!headerSent)
        {
            yield return Header(version, baseSite, baseBlog, link);
        }
    }

    private static WxrSite Header(string version, string baseSite, string baseBlog, string link)
    {
        if (version is not ("1.0" or "1.1" or "1.2"))
        {
            throw new WxrFormatException(version.Length == 0
                ? "it has no wp:wxr_version: not a WordPress export"
                : $"its WXR version is {version}; versions 1.0 to 1.2 are read");
        }

        // Exports of WordPress before 3.0 lack base_blog_url; the channel link is the site then.
        var blog = baseBlog.Length > 0 ? baseBlog : link;
        return Uri.TryCreate(blog, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new WxrSite(version, baseSite.Length > 0 ? baseSite : blog, blog, link)
            : throw new WxrFormatException($"its site address '{blog}' is not an absolute http(s) URL");
    }

    private static WxrAuthor ReadAuthor(XmlReader reader)
    {
        string login = "", displayName = "";
        foreach (var (space, name, value) in Children(reader))
        {
            switch (space, name)
            {
                case ("wp", "author_login"): login = value; break;
                case ("wp", "author_display_name"): displayName = value; break;
            }
        }

        return new WxrAuthor(login, displayName);
    }

    private static WxrTerm ReadTerm(XmlReader reader, string element)
    {
        string taxonomy = element == "category" ? "category" : element == "tag" ? "post_tag" : "", slug = "", parent = "", termName = "", description = "";
        long? id = null;
        foreach (var (space, name, value) in Children(reader))
        {
            if (space != "wp")
            {
                continue;
            }

            switch (name)
            {
                case "term_id": id = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null; break;
                case "term_taxonomy": taxonomy = value; break;
                case "category_nicename" or "tag_slug" or "term_slug": slug = value; break;
                case "category_parent" or "term_parent": parent = value; break;
                case "cat_name" or "tag_name" or "term_name": termName = value; break;
                case "category_description" or "tag_description" or "term_description": description = value; break;
            }
        }

        return new WxrTerm(taxonomy, id, slug, parent, termName, description);
    }

    private static WxrItem ReadItem(XmlReader reader, bool withContent)
    {
        var item = new WxrItem();
        foreach (var element in ChildElements(reader))
        {
            switch (element)
            {
                case ("", "title"): item.Title = Text(reader); break;
                case ("", "link"): item.Link = Text(reader).Trim(); break;
                case ("dc", "creator"): item.Creator = Text(reader).Trim(); break;
                case ("content", "encoded") when withContent: item.Content = Text(reader); break;
                case ("excerpt", "encoded"): item.Excerpt = Text(reader); break;
                case ("wp", "post_id"): item.Id = Number(Text(reader)); break;
                case ("wp", "post_date"): item.Date = Text(reader).Trim(); break;
                case ("wp", "post_date_gmt"): item.DateGmt = Text(reader).Trim(); break;
                case ("wp", "post_name"): item.PostName = Text(reader).Trim(); break;
                case ("wp", "status"): item.Status = Text(reader).Trim(); break;
                case ("wp", "post_parent"): item.Parent = Number(Text(reader)); break;
                case ("wp", "menu_order"): item.MenuOrder = (int)Math.Clamp(Number(Text(reader)), int.MinValue, int.MaxValue); break;
                case ("wp", "post_type"): item.Type = Text(reader).Trim(); break;
                case ("wp", "post_password"): item.Password = Text(reader); break;
                case ("wp", "is_sticky"): item.Sticky = Text(reader).Trim() == "1"; break;
                case ("wp", "attachment_url"): item.AttachmentUrl = Text(reader).Trim(); break;
                case ("", "category"):
                    // WXR 1.0 repeats each category without a domain: the copy with one is enough.
                    var domain = reader.GetAttribute("domain");
                    var nicename = reader.GetAttribute("nicename");
                    reader.Skip();
                    if (!string.IsNullOrEmpty(domain) && !string.IsNullOrEmpty(nicename))
                    {
                        item.Terms.Add(new WxrTermRef(domain, nicename));
                    }

                    break;
                case ("wp", "postmeta"):
                    ReadMeta(reader, item);
                    break;
                case ("wp", "comment"):
                    item.Comments++;
                    reader.Skip();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        return item;
    }

    private static void ReadMeta(XmlReader reader, WxrItem item)
    {
        string? key = null, value = null;
        foreach (var (space, name, text) in Children(reader, keep: (space, name) => space == "wp" && name is "meta_key" or "meta_value"))
        {
            if (name == "meta_key")
            {
                key = text;
            }
            else
            {
                value = text;
            }
        }

        if (key is not null && KeptMeta.Contains(key))
        {
            item.Meta[key] = value ?? "";
        }
    }

    /// <summary>The text of each child element (all of them, or those <paramref name="keep"/> wants); the others are skipped unread.</summary>
    private static List<(string Space, string Name, string Value)> Children(XmlReader reader, Func<string, string, bool>? keep = null)
    {
        var children = new List<(string, string, string)>();
        foreach (var (space, name) in ChildElements(reader))
        {
            if (keep is null || keep(space, name))
            {
                children.Add((space, name, Text(reader)));
            }
            else
            {
                reader.Skip();
            }
        }

        return children;
    }

    /// <summary>
    /// Puts the reader on each child element of the current element in turn, which the caller reads or
    /// skips before asking for the next; ends past the current element's end tag.
    /// </summary>
    private static IEnumerable<(string Space, string Name)> ChildElements(XmlReader reader)
    {
        if (reader.IsEmptyElement)
        {
            reader.Read();
            yield break;
        }

        reader.Read();
        while (!reader.EOF && reader.NodeType != XmlNodeType.EndElement)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                yield return (Space(reader), reader.LocalName);
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
    }

    private static string Text(XmlReader reader) => reader.ReadElementContentAsString();

    private static long Number(string text) =>
        long.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : 0;

    /// <summary>The element's namespace as a short name: "" (RSS), wp, excerpt, content, dc or other.</summary>
    private static string Space(XmlReader reader) => reader.NamespaceURI switch
    {
        "" => "",
        ContentNamespace => "content",
        DublinCoreNamespace => "dc",
        var uri when uri.StartsWith(WordPressNamespace, StringComparison.Ordinal) => uri.EndsWith("/excerpt/", StringComparison.Ordinal) ? "excerpt" : "wp",
        _ => "other",
    };
}
