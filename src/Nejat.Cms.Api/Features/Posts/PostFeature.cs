namespace Nejat.Cms.Api.Features.Posts;

/// <summary>The services of posts (and pages): public reads, deep-page anchors, the scheduler.</summary>
internal static class PostFeature
{
    public static IServiceCollection AddPosts(this IServiceCollection services)
    {
        services.AddSingleton<PostPageAnchors>();
        services.AddSingleton<PublishedPosts>();
        services.AddHostedService<PostScheduler>();
        return services;
    }
}
