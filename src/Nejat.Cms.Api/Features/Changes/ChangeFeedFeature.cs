namespace Nejat.Cms.Api.Features.Changes;

internal static class ChangeFeedFeature
{
    /// <summary>The hourly purge of old tombstones behind the change feed's 410.</summary>
    public static IServiceCollection AddChangeFeed(this IServiceCollection services) => services.AddHostedService<ChangeFeedRetention>();
}
