namespace Nejat.Cms.Api.Features.Media;

internal static class MediaLibraryRegistration
{
    /// <summary>The store under Cms__DataDir, the image workers, the rendition maker and the orphan sweeper.</summary>
    public static IServiceCollection AddMediaLibrary(this IServiceCollection services)
    {
        services.AddSingleton<IMediaStorage, LocalMediaStorage>();
        services.AddSingleton<ImageWorkers>();
        services.AddSingleton<Renditions>();
        services.AddHostedService(sp => sp.GetRequiredService<Renditions>());
        services.AddSingleton<MediaSweeper>();
        services.AddHostedService(sp => sp.GetRequiredService<MediaSweeper>());
        return services;
    }
}
