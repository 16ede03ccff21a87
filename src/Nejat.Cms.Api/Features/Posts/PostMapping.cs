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
        config.NewConfig<PostSummaryRow, PostSummary>().MapSummary();
        config.NewConfig<PostRow, Post>().MapSummary()
            .Map(d => d.Newer, s => s.NewerSlug != null ? new PostLink(s.NewerSlug, s.NewerTitle!) : null)
            .Map(d => d.Older, s => s.OlderSlug != null ? new PostLink(s.OlderSlug, s.OlderTitle!) : null);
    }
}

internal static class PostMapping
{
    /// <summary>
    /// A post summary's members from its row's columns, for every row and answer built on them (the
    /// full post, search results): tags, author and translations from parallel arrays, the display date.
    /// </summary>
    public static TypeAdapterSetter<TRow, TSummary> MapSummary<TRow, TSummary>(this TypeAdapterSetter<TRow, TSummary> mapping)
        where TRow : PostSummaryRow where TSummary : PostSummary => mapping
        .Map(d => d.PrimaryTag, s => s.TagSlugs != null && s.TagSlugs.Length > 0 ? new TagRef(s.TagSlugs[0], s.TagNames![0]) : null)
        .Map(d => d.Tags, s => Tags(s.TagSlugs, s.TagNames))
        .Map(d => d.Author, s => s.AuthorSlug != null ? new AuthorRef(s.AuthorSlug, s.AuthorName!) : null)
        .Map(d => d.Translations, s => Translations(s.TranslationEditions, s.TranslationSlugs))
        .Map(d => d.DisplayDate, s => EditionCalendar.For(s.Language, s.TimeZone).Display(s.PublishedAt))
        .Ignore(d => d.FeaturedMedia); // filled from one media query for a whole page

    public static PostSummary ToSummary(this PostSummaryRow row) => row.Adapt<PostSummary>(Mappings.Config);

    public static Post ToPost(this PostRow row) => row.Adapt<Post>(Mappings.Config);

    /// <summary>With its featured media, looked up in <paramref name="media"/> (read for a whole page at once).</summary>
    public static PostSummary ToSummary(this PostSummaryRow row, IReadOnlyDictionary<long, MediaItem> media) =>
        row.ToSummary() with { FeaturedMedia = FeaturedIn(row, media) };

    public static Post ToPost(this PostRow row, IReadOnlyDictionary<long, MediaItem> media) =>
        row.ToPost() with { FeaturedMedia = FeaturedIn(row, media) };

    /// <summary>What a post in an answer shows, for the CDN's Surrogate-Key: itself, its tags and its author.</summary>
    public static IEnumerable<string> SurrogateKeys(this PostSummary post) =>
        post.Tags.Select(t => $"tag:{post.Edition}/{PublicCaching.KeyPart(t.Slug)}")
            .Prepend($"post:{post.Id}")
            .Concat(post.Author is { } author ? [$"author:{PublicCaching.KeyPart(author.Slug)}"] : []);

    public static MediaItem? FeaturedIn(PostSummaryRow row, IReadOnlyDictionary<long, MediaItem> media) =>
        row.FeaturedMediaId is { } id ? media.GetValueOrDefault(id) : null;

    // The queries aggregate tags and translations as parallel arrays in one order, so zipping restores the pairs.
    public static TagRef[] Tags(string[]? slugs, string[]? names) =>
        slugs is null ? [] : slugs.Zip(names!, (slug, name) => new TagRef(slug, name)).ToArray();

    public static TranslationRef[] Translations(string[]? editions, string[]? slugs) =>
        editions is null ? [] : editions.Zip(slugs!, (edition, slug) => new TranslationRef(edition, slug)).ToArray();
}
