using System.ComponentModel.DataAnnotations;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>A post as editors see it: any status, with its version for If-Match.</summary>
public record AdminPostSummary
{
    public long Id { get; init; }
    /// <summary>post, or page (under /v1/admin/pages).</summary>
    [AllowedValues("post", "page")]
    public string Kind { get; init; } = "post";
    public string Edition { get; init; } = "";
    public string Slug { get; init; } = "";
    [AllowedValues("draft", "scheduled", "published", "trashed")]
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

public sealed record AdminPost : AdminPostSummary
{
    public string Excerpt { get; init; } = "";
    public string BodyHtml { get; init; } = "";
    public string? Byline { get; init; }
    public long? FeaturedMediaId { get; init; }
}
