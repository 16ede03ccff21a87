using Nejat.Cms.Api.Database;

namespace Nejat.Cms.Api.Features.Feeds;

/// <summary>The SQL behind feeds and sitemaps: published posts only (kind = 'post'), and pages for the sitemap.</summary>
internal static class FeedQueries
{
    public const int FeedSize = 50;

    /// <summary>
    /// Post ids per sitemap file. File n lists the edition's published posts and pages with ids from
    /// (n - 1) × SitemapFileIds + 1 to n × SitemapFileIds: at most that many URLs (sitemaps.org allows
    /// 50,000), read by one range of an index, and a post stays in its file for good, so only the files
    /// of changed posts change. Chosen by measurement (tests/Nejat.Cms.Bench/README.md, "Sitemaps").
    /// </summary>
    public const int SitemapFileIds = 1_000;

    // The channel: edition, its language, the site settings' title and description, and the tag if asked for.
    public const string Channel = """
        SELECT e.name AS edition_name, e.locale AS language, e.direction,
               d.body->>'title' AS site_title, d.body->>'description' AS site_description,
               t.id AS tag_id, t.name AS tag_name
        FROM editions e
        LEFT JOIN edition_documents d ON d.edition = e.code AND d.name = 'settings'
        LEFT JOIN tags t ON t.edition = e.code AND t.slug = @Tag
        WHERE e.code = @Edition
        """;

    private const string ItemColumns = """
        SELECT p.slug, p.title, p.excerpt, p.body_html, p.published_at, p.updated_at, a.name AS author_name,
               (SELECT array_agg(t.name ORDER BY pt.position) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
                WHERE pt.post_id = p.id) AS tag_names
        """;

    // The feed's size is written in (WrittenPage): as a parameter it had every call planned again,
    // 0.7 ms of planning for 2.2 ms of execution.
    public static readonly string NewestInEdition = NewestInEditionTemplate.WithPageWrittenIn(FeedSize, offset: 0);

    public static readonly string NewestWithTag = NewestWithTagTemplate.WithPageWrittenIn(FeedSize, offset: 0);

    private const string NewestInEditionTemplate = $"""
        {ItemColumns}
        FROM (SELECT id FROM posts
              WHERE edition = @Edition AND status = 'published' AND kind = 'post'
              ORDER BY published_at DESC, id DESC
              LIMIT @Limit) newest
        JOIN posts p ON p.id = newest.id
        LEFT JOIN authors a ON a.id = p.author_id
        ORDER BY p.published_at DESC, p.id DESC
        """;

    // post_tags.published is false for pages, so a tag's feed has posts only.
    private const string NewestWithTagTemplate = $"""
        {ItemColumns}
        FROM (SELECT post_id AS id FROM post_tags
              WHERE tag_id = @TagId AND published
              ORDER BY published_at DESC, post_id DESC
              LIMIT @Limit) newest
        JOIN posts p ON p.id = newest.id
        LEFT JOIN authors a ON a.id = p.author_id
        ORDER BY p.published_at DESC, p.id DESC
        """;

    // The edition's sitemap files: each id range holding a published post or page, with the newest
    // updated_at of its URLs. An index-only scan of posts_edition_sitemap_idx (0012_search_words.sql).
    public const string SitemapFiles = """
        SELECT (id - 1) / @FileIds + 1 AS number, max(updated_at) AS last_modified
        FROM posts
        WHERE edition = @Edition AND status = 'published'
        GROUP BY 1
        ORDER BY 1
        """;

    // One sitemap file: the published posts and pages of an id range, oldest first, each with the
    // editions and slugs of its published translations.
    public const string SitemapFile = """
        SELECT u.kind, u.slug, u.updated_at, tr.translation_locales, tr.translation_slugs, tr.translation_kinds, tr.translation_editions
        FROM posts u
        LEFT JOIN LATERAL (
            SELECT array_agg(e.locale ORDER BY e.position, e.code) AS translation_locales,
                   array_agg(o.edition ORDER BY e.position, e.code) AS translation_editions,
                   array_agg(o.kind ORDER BY e.position, e.code) AS translation_kinds,
                   array_agg(o.slug ORDER BY e.position, e.code) AS translation_slugs
            FROM posts o JOIN editions e ON e.code = o.edition
            WHERE o.translation_key = u.translation_key AND o.id <> u.id AND o.status = 'published') tr ON true
        WHERE u.edition = @Edition AND u.status = 'published' AND u.id BETWEEN @FirstId AND @LastId
        ORDER BY u.id
        """;
}

/// <summary>A row of <see cref="FeedQueries.Channel"/>.</summary>
internal sealed record ChannelRow
{
    public string EditionName { get; init; } = "";
    public string Language { get; init; } = "";
    public string Direction { get; init; } = "";
    public string? SiteTitle { get; init; }
    public string? SiteDescription { get; init; }
    public long? TagId { get; init; }
    public string? TagName { get; init; }
}

/// <summary>A post of a feed.</summary>
internal sealed record FeedItemRow
{
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string Excerpt { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public DateTime PublishedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public string? AuthorName { get; init; }
    public string[]? TagNames { get; init; }
}

/// <summary>A file of a sitemap index.</summary>
internal sealed record SitemapFileRow
{
    public long Number { get; init; }
    public DateTime LastModified { get; init; }
}

/// <summary>A URL of a sitemap with its translations as parallel arrays.</summary>
internal sealed record SitemapRow
{
    public string Kind { get; init; } = "";
    public string Slug { get; init; } = "";
    public DateTime UpdatedAt { get; init; }
    public string[]? TranslationLocales { get; init; }
    public string[]? TranslationEditions { get; init; }
    public string[]? TranslationKinds { get; init; }
    public string[]? TranslationSlugs { get; init; }
}
