using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Features.Media;

namespace Nejat.Cms.Api.Features.Posts;

public sealed record TagRef(string Slug, string Name);

public sealed record AuthorRef(string Slug, string Name);

/// <summary>The same story published in another edition.</summary>
public sealed record TranslationRef(string Edition, string Slug);

/// <summary>A neighbouring post, for "Newer Posts / Older Posts" links.</summary>
public sealed record PostLink(string Slug, string Title);

/// <summary>A published post as it appears in lists.</summary>
public record PostSummary
{
    public required long Id { get; init; }
    public required string Edition { get; init; }
    public required string Slug { get; init; }
    public required string Title { get; init; }
    public required string Excerpt { get; init; }
    public required DateTime PublishedAt { get; init; }
    /// <summary>publishedAt's day in the edition's calendar, digits and time zone, ready to print.</summary>
    public required DisplayDate DisplayDate { get; init; }
    public required DateTime UpdatedAt { get; init; }
    /// <summary>The edition's locale (BCP 47), e.g. fa-IR: for the lang attribute.</summary>
    public required string Language { get; init; }
    /// <summary>ltr or rtl: for the dir attribute.</summary>
    [AllowedValues("ltr", "rtl")]
    public required string Direction { get; init; }
    /// <summary>The first of <see cref="Tags"/>: the post's category label.</summary>
    public required TagRef? PrimaryTag { get; init; }
    public required IReadOnlyList<TagRef> Tags { get; init; }
    public required AuthorRef? Author { get; init; }
    /// <summary>"By …", "Reported from …", "Translated by …" as the editors wrote it.</summary>
    public required string? Byline { get; init; }
    public required IReadOnlyList<TranslationRef> Translations { get; init; }
    /// <summary>The post's featured image (or other media), its texts in the post's edition.</summary>
    public MediaItem? FeaturedMedia { get; init; }
}

/// <summary>One published post with its body and its neighbours in the edition.</summary>
public sealed record Post : PostSummary
{
    // Serializers write a derived record's own properties first; these belong after the summary's.
    [JsonPropertyOrder(1)]
    public required string BodyHtml { get; init; }
    [JsonPropertyOrder(2)]
    public required PostLink? Newer { get; init; }
    [JsonPropertyOrder(3)]
    public required PostLink? Older { get; init; }
}

/// <summary>Posts related to one post, for a "Related posts" box beside it.</summary>
public sealed record RelatedPostList(IReadOnlyList<PostSummary> Items);
