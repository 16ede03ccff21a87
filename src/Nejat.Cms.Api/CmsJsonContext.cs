using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using Nejat.Cms.Api.Features.Archives;
using Nejat.Cms.Api.Features.Authors;
using Nejat.Cms.Api.Features.Changes;
using Nejat.Cms.Api.Features.Editions;
using Nejat.Cms.Api.Features.Navigation;
using Nejat.Cms.Api.Features.Pages;
using Nejat.Cms.Api.Features.Galleries;
using Nejat.Cms.Api.Features.Media;
using Nejat.Cms.Api.Features.Posts;
using Nejat.Cms.Api.Features.Search;
using Nejat.Cms.Api.Features.Settings;
using Nejat.Cms.Api.Features.Tags;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api;

/// <summary>Source-generated serializers for the response types; reflection stays the fallback for the rest.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Edition[]))]
[JsonSerializable(typeof(ListEnvelope<PostSummary>))]
[JsonSerializable(typeof(Post))]
[JsonSerializable(typeof(SearchPage))]
[JsonSerializable(typeof(SuggestionList))]
[JsonSerializable(typeof(RelatedPostList))]
[JsonSerializable(typeof(Archive))]
[JsonSerializable(typeof(Page))]
[JsonSerializable(typeof(SiteSettings))]
[JsonSerializable(typeof(SiteSettingsWrite))]
[JsonSerializable(typeof(Menu))]
[JsonSerializable(typeof(NavigationMenuWrite))]
[JsonSerializable(typeof(ListEnvelope<Tag>))]
[JsonSerializable(typeof(Tag))]
[JsonSerializable(typeof(ListEnvelope<Author>))]
[JsonSerializable(typeof(Author))]
[JsonSerializable(typeof(ChangePage))]
[JsonSerializable(typeof(ListEnvelope<MediaItem>))]
[JsonSerializable(typeof(MediaItem))]
[JsonSerializable(typeof(ListEnvelope<AdminMedia>))]
[JsonSerializable(typeof(AdminMedia))]
[JsonSerializable(typeof(MediaCollectionInfo[]))]
[JsonSerializable(typeof(ListEnvelope<GallerySummary>))]
[JsonSerializable(typeof(Gallery))]
internal sealed partial class CmsJsonContext : JsonSerializerContext
{
    public static IServiceCollection AddTo(IServiceCollection services) =>
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.TypeInfoResolverChain.Insert(0, Default);
            // Arabic, Farsi and Albanian text goes out as UTF-8, not as \uXXXX escapes. Responses are
            // application/json, never embedded in HTML, so HTML-sensitive characters need no escaping.
            options.SerializerOptions.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping;
        });
}
