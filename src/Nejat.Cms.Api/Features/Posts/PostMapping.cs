using Mapster;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Posts;

/// <summary>Post rows to what the API sends: tags, author, translations and the display date assembled from the row's columns.</summary>
internal sealed class PostMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<PostSummaryRow, PostSummary>()
            .Map(d => d.PrimaryTag, s => s.TagSlugs != null && s.TagSlugs.Length > 0 ? new TagRef(s.TagSlugs[0], s.TagNames![0]) : null)
            .Map(d => d.Tags, s => PostMapping.Tags(s.TagSlugs, s.TagNames))
            .Map(d => d.Author, s => s.AuthorSlug != null ? new AuthorRef(s.AuthorSlug, s.AuthorName!) : null)
            .Map(d => d.Translations, s => PostMapping.Translations(s.TranslationEditions, s.TranslationSlugs))
            .Map(d => d.DisplayDate, s => EditionCalendar.For(s.Language, s.TimeZone).Display(s.PublishedAt))
            .Ignore(d => d.FeaturedMedia); // filled from one media query for a whole page
        config.NewConfig<PostRow, Post>()
            .Inherits<PostSummaryRow, PostSummary>()
            .Map(d => d.Newer, s => s.NewerSlug != null ? new PostLink(s.NewerSlug, s.NewerTitle!) : null)
            .Map(d => d.Older, s => s.OlderSlug != null ? new PostLink(s.OlderSlug, s.OlderTitle!) : null);
    }
}

internal static class PostMapping
{
    public static PostSummary ToSummary(this PostSummaryRow row) => row.Adapt<PostSummary>(Mappings.Config);

    public static Post ToPost(this PostRow row) => row.Adapt<Post>(Mappings.Config);

    /// <summary>With its featured media, looked up in <paramref name="media"/> (read for a whole page at once).</summary>
    public static PostSummary ToSummary(this PostSummaryRow row, IReadOnlyDictionary<long, MediaItem> media) =>
        row.ToSummary() with { FeaturedMedia = FeaturedIn(row, media) };

    public static Post ToPost(this PostRow row, IReadOnlyDictionary<long, MediaItem> media) =>
        row.ToPost() with { FeaturedMedia = FeaturedIn(row, media) };

    public static MediaItem? FeaturedIn(PostSummaryRow row, IReadOnlyDictionary<long, MediaItem> media) =>
        row.FeaturedMediaId is { } id ? media.GetValueOrDefault(id) : null;

    // The queries aggregate tags and translations as parallel arrays in one order, so zipping restores the pairs.
    public static TagRef[] Tags(string[]? slugs, string[]? names) =>
        slugs is null ? [] : slugs.Zip(names!, (slug, name) => new TagRef(slug, name)).ToArray();

    public static TranslationRef[] Translations(string[]? editions, string[]? slugs) =>
        editions is null ? [] : editions.Zip(slugs!, (edition, slug) => new TranslationRef(edition, slug)).ToArray();
}
