using Mapster;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Media;

/// <summary>Media rows to what the API sends: file and rendition URLs from the stored file, the video from its provider columns.</summary>
internal sealed class MediaMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<MediaRow, MediaItem>()
            .Map(d => d.Url, s => MediaUrls.File(s))
            .Map(d => d.Renditions, s => MediaUrls.Renditions(s))
            .Map(d => d.Video, s => MediaMapping.VideoOf(s));
        config.NewConfig<MediaRow, AdminMedia>()
            .Map(d => d.Url, s => MediaUrls.File(s))
            .Map(d => d.Renditions, s => MediaUrls.Renditions(s))
            .Map(d => d.Video, s => MediaMapping.VideoOf(s))
            .Ignore(d => d.Translations); // every edition's, read in one query for a whole page
        config.NewConfig<MediaTextRow, MediaText>();
        config.NewConfig<MediaCollectionRow, MediaCollectionInfo>();
    }
}

internal static class MediaMapping
{
    public static MediaItem ToItem(this MediaRow row) => row.Adapt<MediaItem>(Mappings.Config);

    public static AdminMedia ToAdmin(this MediaRow row, IReadOnlyDictionary<string, MediaText> translations) =>
        row.Adapt<AdminMedia>(Mappings.Config) with { Translations = translations };

    public static MediaText ToText(this MediaTextRow row) => row.Adapt<MediaText>(Mappings.Config);

    public static MediaCollectionInfo ToInfo(this MediaCollectionRow row) => row.Adapt<MediaCollectionInfo>(Mappings.Config);

    public static ExternalVideo? VideoOf(MediaRow row) =>
        row.Provider is null ? null : new ExternalVideo(row.Provider, row.ProviderId!, row.SourceUrl!, row.EmbedUrl!, row.ThumbnailUrl);
}
