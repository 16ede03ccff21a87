namespace Nejat.Cms.Api.Features.Posts;

/// <summary>The editors' post SQL: posts (and pages) of every status, by id or in a filtered list.</summary>
internal static class PostAdminQueries
{
    private const string Columns = """
        SELECT p.id, p.kind, p.edition, p.slug, p.status, p.published_at, p.title, a.slug AS author,
               coalesce((SELECT array_agg(t.slug ORDER BY pt.position) FROM post_tags pt JOIN tags t ON t.id = pt.tag_id
                         WHERE pt.post_id = p.id), '{}') AS tags,
               p.translation_key, p.version, p.created_at, p.updated_at
        """;

    // Optional filters in one statement: an editors' list, read now and then, not a public hot path.
    // The edition list is always bound, so the edition/updated_at index leads; the title filter uses trigrams;
    // a story (translation key) is found by the unique translation_key/edition index.
    private const string Filters = """
        WHERE p.edition = ANY(@Editions) AND p.kind = @Kind
          AND (p.status = @Status OR @Status::text IS NULL AND p.status <> 'trashed')
          AND (@AuthorId::bigint IS NULL OR p.author_id = @AuthorId)
          AND (@TagId::bigint IS NULL OR EXISTS (SELECT 1 FROM post_tags f WHERE f.post_id = p.id AND f.tag_id = @TagId))
          AND (@TranslationKey::text IS NULL OR p.translation_key = @TranslationKey)
          AND (@Text::text IS NULL OR p.title ILIKE '%' || replace(replace(replace(@Text, '\', '\\'), '%', '\%'), '_', '\_') || '%')
        """;

    public const string ListSql = $"""
        SELECT count(*) FROM posts p {Filters};
        {Columns}
        FROM posts p LEFT JOIN authors a ON a.id = p.author_id
        {Filters}
        ORDER BY p.updated_at DESC, p.id DESC
        LIMIT @Limit OFFSET @Offset;
        """;

    public const string ByIdSql = $"""
        {Columns}, p.excerpt, p.body_html, p.byline, p.featured_media_id
        FROM posts p LEFT JOIN authors a ON a.id = p.author_id
        WHERE p.id = @Id
        """;
}

/// <summary>A row of <see cref="PostAdminQueries"/>: a post of any status with its tag slugs in order.</summary>
internal record AdminPostSummaryRow
{
    public long Id { get; init; }
    /// <summary>post, or page (under /v1/admin/pages).</summary>
    public string Kind { get; init; } = "post";
    public string Edition { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Status { get; init; } = "";
    public DateTime? PublishedAt { get; init; }
    public string Title { get; init; } = "";
    public string? Author { get; init; }
    /// <summary>Tag slugs in order; the first is the primary tag.</summary>
    public string[] Tags { get; init; } = [];
    public string? TranslationKey { get; init; }
    public int Version { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
}

internal sealed record AdminPostRow : AdminPostSummaryRow
{
    public string Excerpt { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public string? Byline { get; init; }
    public long? FeaturedMediaId { get; init; }
}

/// <summary>Editors' rows are their answers, field for field.</summary>
internal sealed class PostAdminMappings : Mapster.IRegister
{
    public void Register(Mapster.TypeAdapterConfig config)
    {
        config.NewConfig<AdminPostSummaryRow, AdminPostSummary>();
        config.NewConfig<AdminPostRow, AdminPost>();
    }
}
