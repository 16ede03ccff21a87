namespace Nejat.Cms.Api.Features.Posts;

/// <summary>A row of <see cref="PostQueries"/>: a post with its tags and translations as parallel arrays.</summary>
internal record PostSummaryRow
{
    public long Id { get; init; }
    public string Edition { get; init; } = "";
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string Excerpt { get; init; } = "";
    public DateTime PublishedAt { get; init; }
    public DateTime UpdatedAt { get; init; }
    public string? Byline { get; init; }
    public string? AuthorSlug { get; init; }
    public string? AuthorName { get; init; }
    public string[]? TagSlugs { get; init; }
    public string[]? TagNames { get; init; }
    public string[]? TranslationEditions { get; init; }
    public string[]? TranslationSlugs { get; init; }
    public long? FeaturedMediaId { get; init; }
    /// <summary>The edition's locale, script direction and time zone: the post's language and display date.</summary>
    public string Language { get; init; } = "";
    public string Direction { get; init; } = "";
    public string TimeZone { get; init; } = "";
}

internal sealed record PostRow : PostSummaryRow
{
    public string BodyHtml { get; init; } = "";
    public string? NewerSlug { get; init; }
    public string? NewerTitle { get; init; }
    public string? OlderSlug { get; init; }
    public string? OlderTitle { get; init; }
}

/// <summary>
/// The ids behind a list's optional filters, null where the slug matched nothing, and the edition's
/// time zone, in which a date-only from/to begins.
/// </summary>
internal sealed record PostFilterRow(long? TagId, long? AuthorId, string? TimeZone = null);
