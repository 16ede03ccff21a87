using Mapster;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Features.Media;

namespace Nejat.Cms.Api.Features.Posts;

internal static class PostMapping
{
    public static readonly TypeAdapterConfig Config = CreateConfig();

    public static PostSummary ToSummary(this PostSummaryRow row) => row.Adapt<PostSummary>(Config);

    public static Post ToPost(this PostRow row) => row.Adapt<Post>(Config);

    /// <summary>With its featured media, looked up in <paramref name="media"/> (read for a whole page at once).</summary>
    public static PostSummary ToSummary(this PostSummaryRow row, IReadOnlyDictionary<long, MediaItem> media) =>
        row.ToSummary() with { FeaturedMedia = FeaturedIn(row, media) };

    public static Post ToPost(this PostRow row, IReadOnlyDictionary<long, MediaItem> media) =>
        row.ToPost() with { FeaturedMedia = FeaturedIn(row, media) };

    public static MediaItem? FeaturedIn(PostSummaryRow row, IReadOnlyDictionary<long, MediaItem> media) =>
        row.FeaturedMediaId is { } id ? media.GetValueOrDefault(id) : null;

    private static TypeAdapterConfig CreateConfig()
    {
        var config = new TypeAdapterConfig();
        config.NewConfig<PostSummaryRow, PostSummary>()
            .Map(d => d.PrimaryTag, s => s.TagSlugs != null && s.TagSlugs.Length > 0 ? new TagRef(s.TagSlugs[0], s.TagNames![0]) : null)
            .Map(d => d.Tags, s => Tags(s.TagSlugs, s.TagNames))
            .Map(d => d.Author, s => s.AuthorSlug != null ? new AuthorRef(s.AuthorSlug, s.AuthorName!) : null)
            .Map(d => d.Translations, s => Translations(s.TranslationEditions, s.TranslationSlugs))
            .Map(d => d.DisplayDate, s => EditionCalendar.For(s.Language, s.TimeZone).Display(s.PublishedAt))
            .Ignore(d => d.FeaturedMedia); // filled by WithFeaturedMediaAsync, one query for a whole page
        config.NewConfig<PostRow, Post>()
            .Inherits<PostSummaryRow, PostSummary>()
            .Map(d => d.Newer, s => s.NewerSlug != null ? new PostLink(s.NewerSlug, s.NewerTitle!) : null)
            .Map(d => d.Older, s => s.OlderSlug != null ? new PostLink(s.OlderSlug, s.OlderTitle!) : null);
        return config;
    }

    // The queries aggregate tags and translations as parallel arrays in one order, so zipping restores the pairs.
    private static TagRef[] Tags(string[]? slugs, string[]? names) =>
        slugs is null ? [] : slugs.Zip(names!, (slug, name) => new TagRef(slug, name)).ToArray();

    public static TranslationRef[] Translations(string[]? editions, string[]? slugs) =>
        editions is null ? [] : editions.Zip(slugs!, (edition, slug) => new TranslationRef(edition, slug)).ToArray();
}
