using Mapster;
using Nejat.Cms.Api.Hosting;

namespace Nejat.Cms.Api.Features.Galleries;

/// <summary>Gallery rows to what the API sends; the media of a public gallery are read separately and set by the reader.</summary>
internal sealed class GalleryMappings : IRegister
{
    public void Register(TypeAdapterConfig config)
    {
        config.NewConfig<GalleryRow, GallerySummary>()
            .Ignore(dest => dest.Cover);
        config.NewConfig<GalleryRow, Gallery>()
            .Ignore(dest => dest.Cover)
            .Ignore(dest => dest.Items);
        config.NewConfig<GalleryAdminRow, AdminGallery>()
            .Map(dest => dest.Titles, row => row.TitleEditions.Zip(row.TitleTexts).ToDictionary(t => t.First, t => t.Second, StringComparer.Ordinal));
        config.NewConfig<ListEnvelope<GalleryAdminRow>, ListEnvelope<AdminGallery>>();
    }
}
